// ANCHOR: nargs-rule
extension SyscallArguments {
    /// How many arguments a block can carry: arg1 … arg5.
    static let capacity: UInt32 = 5

    /// True when the block supplies the `reads` arguments a service reads: `nargs` is at least
    /// `reads` and no more than the block holds. POK checks `nargs` only for SHUTDOWN
    /// (CHECK_NARGS, kernel/core/syscall.c), and its libpok pads one-argument calls to two
    /// (`pok_syscall2(POK_SYSCALL_GETTICK, (uint32_t)value, 0)`), so a count above what the call
    /// reads is honest; a count below it, or above five, is a lie.
    func supplies(_ reads: UInt32) -> Bool {
        nargs >= reads && nargs <= Self.capacity
    }
}
// ANCHOR_END: nargs-rule

// ANCHOR: services
/// The kernel services the gates offer. Each first checks that `nargs` supplies what it reads
/// (`args.supplies(n)`), then checks every pointer argument against the caller's partition before
/// touching memory: a pointer is partition-relative and must lie wholly inside it.
/// POK: pok_cons_write (kernel/arch/x86/x86-qemu/cons.c) and pok_gettick_by_pointer (kernel/core/time.c)
enum Services {
    /// CONSWRITE reads 2: arg1 = buffer, arg2 = length.
    static func consoleWrite(_ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
        guard args.supplies(2), caller.partition.contains(offset: args.arg1, length: args.arg2) else { return .invalid }
        Console.write(bytes: UnsafeRawBufferPointer(start: caller.partition.pointer(args.arg1), count: Int(args.arg2)))
        return .ok
    }

    /// GETTICK reads 1: arg1 = where to store the 64-bit tick count.
    static func getTick(_ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
        guard args.supplies(1), caller.partition.contains(offset: args.arg1, length: 8) else { return .invalid }
        caller.partition.pointer(args.arg1).storeBytes(of: UInt64(Time.ticks), as: UInt64.self)
        return .ok
    }
}
// ANCHOR_END: services

// ANCHOR: syscall-only-services
/// The services only the syscall gate offers.
extension Services {
    /// PARTITION_GET_ID reads 1: arg1 = where to store the caller's partition number (one byte).
    /// POK: pok_partition_id, kernel/core/partition.c
    static func partitionGetID(_ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
        guard args.supplies(1), caller.partition.contains(offset: args.arg1, length: 1) else { return .invalid }
        caller.partition.pointer(args.arg1).storeBytes(of: UInt8(caller.partitionIndex), as: UInt8.self)
        return .ok
    }

    /// THREAD_SLEEP reads 1: arg1 = microseconds, as POK's `pok_thread_sleep(uint32_t us)`;
    /// at most `Time.longestSleepMicroseconds`. POK: pok_thread_sleep, kernel/core/thread.c
    static func threadSleep(_ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
        guard args.supplies(1), args.arg1 <= Time.longestSleepMicroseconds else { return .invalid }
        Time.sleep(microseconds: args.arg1)
        return .ok
    }

    /// SHUTDOWN reads nothing. POK: pok_shutdown, kernel/arch/x86/x86-qemu/shutdown.c
    static func shutdown(_ args: SyscallArguments, _ caller: CallerInfo) -> PokReturn {
        guard args.supplies(0) else { return .invalid }
        RunReport.finish(.done)
        return .ok
    }
}
// ANCHOR_END: syscall-only-services
