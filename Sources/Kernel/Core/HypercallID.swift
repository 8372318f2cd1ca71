#if POK_NEEDS_X86_VMM
// ANCHOR: kernel-hypercall-ids
/// Hypercall numbers as the kernel knows them; `Libpok.HypercallID` is the partition's copy.
/// POK: pok_hypercall_id_t, kernel/include/core/hypercall.h (PR #3)
public enum HypercallID: UInt32, Sendable, CaseIterable {
    case consoleWrite = 10          // POK_HYPERCALL_CONSWRITE
    case getTick = 20               // POK_HYPERCALL_GETTICK
    case irqRegisterHandler = 25    // POK_HYPERCALL_IRQ_REGISTER_HANDLER
    case irqUnregisterHandler = 26  // POK_HYPERCALL_IRQ_UNREGISTER_HANDLER
    case irqPartitionEnable = 27    // POK_HYPERCALL_IRQ_PARTITION_ENABLE
    case irqPartitionDisable = 28   // POK_HYPERCALL_IRQ_PARTITION_DISABLE
    case irqPartitionAck = 29       // POK_HYPERCALL_IRQ_PARTITION_ACK
}

/// POK: POK_HYPERCALL_INT_NUMBER
public let hypercallVector: UInt8 = 45
// ANCHOR_END: kernel-hypercall-ids
#endif
