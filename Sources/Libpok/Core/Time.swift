#if POK_NEEDS_SYSCALLS
/// The kernel's clock, read through GETTICK.
/// POK: pok_time_gettick, libpok/core/time.c
public enum Time {
    /// The tick count (1 kHz), or nil if the kernel refused the call.
    public static func ticks() -> UInt64? {
        var ticks: UInt64 = 0
        let result = PartitionAddress.with(&ticks) { address in pokSyscall1(.getTick, address) }
        return result == PokReturn.ok.rawValue ? ticks : nil
    }

    /// THREAD_SLEEP takes microseconds, as POK's. POK: pok_thread_sleep, libpok/core/threadsleep.c
    @discardableResult
    public static func sleep(milliseconds: UInt32) -> UInt32 {
        // Saturates: the kernel refuses a sleep that long anyway.
        let microseconds = milliseconds.multipliedReportingOverflow(by: 1000)
        return pokSyscall1(.threadSleep, microseconds.overflow ? .max : microseconds.partialValue)
    }
}
#endif
