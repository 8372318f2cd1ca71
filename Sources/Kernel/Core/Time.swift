/// The kernel's clock: a tick counter the PIT advances at 1 kHz.
/// POK: pok_tick_counter and pok_time_init, kernel/core/time.c
enum Time {
    nonisolated(unsafe) static var ticks: UInt32 = 0
    /// Print a progress line every this many ticks (0: never).
    nonisolated(unsafe) static var reportInterval: UInt32 = 10

    /// POK: pok_time_init → pok_bsp_time_init
    static func initialize() {
        ticks = 0
        PIT.initialize()
    }

    // ANCHOR: clock-interrupt
    /// One timer interrupt. POK: the body of pit_interrupt, kernel/arch/x86/x86-qemu/pit.c
    static func clockInterrupt() {
        ticks &+= 1
        if reportInterval != 0, ticks % reportInterval == 0, Console.atLineStart {
            Console.write("[time] tick ")
            Console.writeDecimal(ticks)
            Console.newline()
        }
        if RunReport.tickBudget != 0, ticks >= RunReport.tickBudget {
            RunReport.finish(.tickBudget)
        }
    }
    // ANCHOR_END: clock-interrupt

    /// The longest THREAD_SLEEP the kernel accepts: one minute. POK takes any `uint32_t` (about
    /// 71 minutes); a teaching kernel whose runs last seconds refuses a longer sleep as EINVAL
    /// rather than hang a run until its tick budget.
    static let longestSleepMicroseconds: UInt32 = 60_000_000

    /// The ticks a sleep of `microseconds` takes, rounded up: a sleep never ends early, and any
    /// sleep but zero lasts at least one tick.
    static func sleepTicks(microseconds: UInt32) -> UInt32 {
        let scaled = UInt64(microseconds) * UInt64(PIT.frequencyHz)
        return UInt32((scaled + 999_999) / 1_000_000)
    }

    /// Waits with interrupts on until the clock has advanced (one partition, one thread: there
    /// is nobody else to run). `microseconds` is at most `longestSleepMicroseconds`.
    /// POK: pok_thread_sleep(uint32_t us), kernel/core/thread.c
    static func sleep(microseconds: UInt32) {
        let wakeUp = ticks &+ sleepTicks(microseconds: microseconds)
        Hardware.enableInterrupts()
        while ticks < wakeUp && !RunReport.finished { Hardware.waitForInterrupt() }
        Hardware.disableInterrupts()
    }
}
