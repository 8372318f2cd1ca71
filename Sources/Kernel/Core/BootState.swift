#if !POK_BARE_METAL
/// Every kernel global back to the value a freshly loaded image has. On metal, loading the image is
/// the reset; on the host the kernel is loaded once and booted by every test, so the host tests call
/// this before each boot — the one list of the kernel's state, for both boards' builds.
/// POK: none.
public enum BootState {
    /// - Parameters:
    ///   - tickBudget: end the run after this many ticks (0: never).
    ///   - reportInterval: print `[time] tick N` every this many ticks (0: never).
    public static func reset(tickBudget: UInt32, reportInterval: UInt32) {
        RunReport.finished = false
        RunReport.nonceLength = 0
        RunReport.tickBudget = tickBudget
        RunReport.dumpIDT = false
        Console.atLineStart = true
        Time.ticks = 0
        Time.reportInterval = reportInterval
        #if POK_NEEDS_X86_SVM
        SecureVirtualMachine.registers = GuestRegisters()
        SecureVirtualMachine.exits = 0
        SecureVirtualMachine.hypercalls = 0
        for index in 0..<HypercallMap.entries.count { HypercallMap.entries[index] = nil }
        #endif
        #if POK_NEEDS_X86_VMM
        InterruptPrologue.installed = InlineArray(repeating: false)
        InterruptPrologue.seen = InlineArray(repeating: 0)
        InterruptPrologue.announced = InlineArray(repeating: false)
        UnwrittenStep.announced = 0
        #endif
    }
}
#endif
