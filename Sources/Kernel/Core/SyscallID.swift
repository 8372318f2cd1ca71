// ANCHOR: kernel-syscall-ids
/// Syscall numbers as the kernel knows them: POK keeps this table in the kernel and again in
/// libpok, so kernel and partitions can be built apart. `Libpok.SyscallID` is the other copy.
/// POK: pok_syscall_id_t, kernel/include/core/syscall.h
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

/// POK: POK_SYSCALL_INT_NUMBER
public let syscallVector: UInt8 = 42
// ANCHOR_END: kernel-syscall-ids
