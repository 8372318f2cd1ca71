#if POK_NEEDS_X86_VMM
// ANCHOR: core-hypercall
/// The hypervisor's services, chosen by ID, with the syscall dispatcher's checks: every pointer
/// is partition-relative and checked, `nargs` must match, an unknown ID is EINVAL.
/// POK: pok_core_hypercall, kernel/core/hypercall.c (PR #3)
func coreHypercall(_ rawID: UInt32, _ args: SyscallArguments, _ caller: CallerInfo) -> PokError {
    // SOLUTION-BEGIN step=4 title="The dispatcher"
    guard let id = HypercallID(rawValue: rawID) else { return .invalid }
    switch id {
    case .consoleWrite:
        guard args.nargs == 2, caller.partition.contains(offset: args.arg1, length: args.arg2) else { return .invalid }
        Console.write(bytes: UnsafeRawBufferPointer(start: caller.partition.pointer(args.arg1), count: Int(args.arg2)))
        return .ok
    case .getTick:
        guard args.nargs == 1, caller.partition.contains(offset: args.arg1, length: 8) else { return .invalid }
        caller.partition.pointer(args.arg1).storeBytes(of: UInt64(Time.ticks), as: UInt64.self)
        return .ok
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
