#if POK_NEEDS_X86_VMM
// ANCHOR: libpok-hypercall-ids
/// Hypercall numbers as a partition knows them; `Kernel.HypercallID` is the kernel's copy.
/// POK: pok_hypercall_id_t, libpok/include/core/hypercall.h (PR #3)
public enum HypercallID: UInt32, Sendable, CaseIterable {
    // SOLUTION-BEGIN step=1 title="The hypercall IDs"
    case consoleWrite = 10          // POK_HYPERCALL_CONSWRITE
    case getTick = 20               // POK_HYPERCALL_GETTICK
    case irqRegisterHandler = 25    // POK_HYPERCALL_IRQ_REGISTER_HANDLER
    case irqUnregisterHandler = 26  // POK_HYPERCALL_IRQ_UNREGISTER_HANDLER
    case irqPartitionEnable = 27    // POK_HYPERCALL_IRQ_PARTITION_ENABLE
    case irqPartitionDisable = 28   // POK_HYPERCALL_IRQ_PARTITION_DISABLE
    case irqPartitionAck = 29       // POK_HYPERCALL_IRQ_PARTITION_ACK
    // SOLUTION-ELSE
    // case consoleWrite = 0xFFFF_0101
    // case getTick = 0xFFFF_0102
    // case irqRegisterHandler = 0xFFFF_0103
    // case irqUnregisterHandler = 0xFFFF_0104
    // case irqPartitionEnable = 0xFFFF_0105
    // case irqPartitionDisable = 0xFFFF_0106
    // case irqPartitionAck = 0xFFFF_0107
    // SOLUTION-END
}

/// POK: POK_HYPERCALL_INT_NUMBER
// SOLUTION-BEGIN step=1 title="The hypercall IDs"
public let hypercallVector: UInt8 = 45
// SOLUTION-ELSE
// public let hypercallVector: UInt8 = 0
// SOLUTION-END
// ANCHOR_END: libpok-hypercall-ids
#endif
