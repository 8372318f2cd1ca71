#if POK_NEEDS_X86_VMM
// ANCHOR: core-hypercall
/// The hypervisor's services, chosen by ID, as `coreSyscall` chooses the kernel's: the same
/// checked services for CONSWRITE and GETTICK, UNAVAILABLE for the reserved IRQ IDs, and EINVAL
/// for an unknown ID.
/// POK: pok_core_hypercall, kernel/core/hypercall.c (PR #3)
func coreHypercall(_ rawID: UInt32, _ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
    // SOLUTION-BEGIN step=5 title="The dispatcher"
    guard let id = HypercallID(rawValue: rawID) else { return .invalid }
    switch id {
    case .consoleWrite:
        return Services.consoleWrite(args, caller)
    case .getTick:
        return Services.getTick(args, caller)
    case .irqRegisterHandler, .irqUnregisterHandler, .irqPartitionEnable, .irqPartitionDisable, .irqPartitionAck:
        // Virtual interrupts for partitions are beyond this course: the IDs are reserved.
        return .unavailable
    }
    // SOLUTION-ELSE
    // UnwrittenStep.report(5, "coreHypercall (Sources/Kernel/Core/Hypercall.swift)")
    // return .mode  // POK_ERRNO_MODE: no hypercall answers it, so no check passes on this stub
    // SOLUTION-END
}
// ANCHOR_END: core-hypercall
#endif
