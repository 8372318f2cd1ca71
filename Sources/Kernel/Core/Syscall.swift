#if POK_NEEDS_SYSCALLS
/// The kernel's services, chosen by ID. Every service checks its own arguments: `nargs` must
/// supply what it reads (at least that many, at most five; POK checks `nargs` only for SHUTDOWN)
/// and every pointer argument is partition-relative and checked against the caller's memory.
/// POK: pok_core_syscall, kernel/core/syscall.c
// ANCHOR: core-syscall
func coreSyscall(_ rawID: UInt32, _ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
    guard let id = SyscallID(rawValue: rawID) else { return .invalid }
    switch id {
    case .consoleWrite:
        return Services.consoleWrite(args, caller)
    case .getTick:
        return Services.getTick(args, caller)
    case .partitionGetID:
        return Services.partitionGetID(args, caller)
    case .threadSleep:
        return Services.threadSleep(args, caller)
    case .shutdown:
        return Services.shutdown(args, caller)
    case .getChar, .threadSleepUntil, .threadID, .partitionGetPeriod:
        return .unavailable
    }
}
// ANCHOR_END: core-syscall
#endif
