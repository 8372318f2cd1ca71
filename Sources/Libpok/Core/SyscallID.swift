// ANCHOR: libpok-syscall-ids
/// Syscall numbers as a partition knows them. The kernel keeps its own copy
/// (`Kernel.SyscallID`), as POK keeps two headers; a test proves the two agree.
/// POK: pok_syscall_id_t, libpok/include/core/syscall.h
public enum SyscallID: UInt32, Sendable, CaseIterable {
    case consoleWrite = 10          // POK_SYSCALL_CONSWRITE
    case getChar = 11               // POK_SYSCALL_GETCHAR
    case getTick = 20               // POK_SYSCALL_GETTICK
    case threadSleepUntil = 51      // POK_SYSCALL_THREAD_SLEEP_UNTIL
    case threadSleep = 52           // POK_SYSCALL_THREAD_SLEEP
    case threadID = 58              // POK_SYSCALL_THREAD_ID
    case partitionGetID = 405       // POK_SYSCALL_PARTITION_GET_ID
    case partitionGetPeriod = 406   // POK_SYSCALL_PARTITION_GET_PERIOD
    case shutdown = 707             // POK_SYSCALL_SHUTDOWN
}

/// The vector of the syscall gate. POK: POK_SYSCALL_INT_NUMBER (a member of the same enum)
public let syscallVector: UInt8 = 42
// ANCHOR_END: libpok-syscall-ids
