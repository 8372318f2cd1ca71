#if POK_NEEDS_X86_VMM
// ANCHOR: core-hypercall
/// The hypervisor's services, chosen by ID, as `coreSyscall` chooses the kernel's: the same
/// checked services for CONSWRITE and GETTICK, and EINVAL for an unknown ID.
/// POK: pok_core_hypercall, kernel/core/hypercall.c (PR #3)
func coreHypercall(_ rawID: UInt32, _ args: SyscallArguments, _ caller: CallerInfo) -> PokError {
    // SOLUTION-BEGIN step=4 title="The dispatcher"
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
    // Console.write("[chapter 4] step 4 is not written yet: coreHypercall\n")
    // return .unavailable
    // SOLUTION-END
}
// ANCHOR_END: core-hypercall
#endif
