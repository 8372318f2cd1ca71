#if POK_NEEDS_SYSCALLS
/// The kernel's services, chosen by ID. Every pointer argument is partition-relative and checked
/// against the caller's memory before use; a wrong argument count is EINVAL (POK checks it only
/// for SHUTDOWN; we check it everywhere, so a lying `nargs` cannot slip through).
/// POK: pok_core_syscall, kernel/core/syscall.c
// ANCHOR: core-syscall
func coreSyscall(_ rawID: UInt32, _ args: SyscallArguments, _ caller: CallerInfo) -> PokError {
    guard let id = SyscallID(rawValue: rawID) else { return .invalid }
    switch id {
    case .consoleWrite:
        return Services.consoleWrite(args, caller)
    case .getTick:
        return Services.getTick(args, caller)
    // ANCHOR_END: core-syscall
    case .partitionGetID:
        guard args.nargs == 1, caller.partition.contains(offset: args.arg1, length: 1) else { return .invalid }
        caller.partition.pointer(args.arg1).storeBytes(of: UInt8(caller.partitionIndex), as: UInt8.self)
        return .ok
    case .threadSleep:
        guard args.nargs == 1, args.arg1 <= 60_000 else { return .invalid }
        Time.sleep(milliseconds: args.arg1)
        return .ok
    case .shutdown:
        guard args.nargs == 0 else { return .invalid }
        RunReport.finish(.done)
        return .ok
    case .getChar, .threadSleepUntil, .threadID, .partitionGetPeriod:
        return .unavailable
    }
}
#endif
