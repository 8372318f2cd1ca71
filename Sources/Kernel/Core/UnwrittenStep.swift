#if POK_NEEDS_X86_VMM
/// What a stub of the starter kit does in place of a step the student has not written yet: it
/// says so once on the console and answers `0xFFFF_FF00 | step`, a result no written step ever
/// returns, so no check can pass on a stub and every failure can name the step that is missing.
/// `Libpok.UnwrittenStep` is the partition's twin.
/// POK: none (the course's starter kit).
public enum UnwrittenStep {
    /// The chapter whose assignment the stubs belong to.
    static let chapter: UInt32 = 4
    /// Steps already announced (bit n for step n), so a stub called in a loop prints once.
    nonisolated(unsafe) static var announced: UInt32 = 0

    /// What an unwritten step answers in EAX.
    public static func result(_ step: UInt32) -> UInt32 { 0xFFFF_FF00 | step }

    /// Prints `[chapter 4] step N is not written yet: <what>` the first time, and returns the
    /// step's answer.
    @discardableResult
    static func report(_ step: UInt32, _ what: StaticString) -> UInt32 {
        if announced & (1 << step) == 0 {
            announced |= 1 << step
            Console.write("[chapter 4] step ")
            Console.writeDecimal(step)
            Console.write(" is not written yet: ")
            Console.write(what)
            Console.newline()
        }
        return result(step)
    }
}

/// Called by the kit's stub of `pok_hypercall_entry` (step 3), with the kernel's data segments
/// loaded and the caller's registers saved; its answer goes back to the caller in EAX.
@_cdecl("pok_unwritten_entry_stub")
func unwrittenEntryStub(_ step: UInt32) -> UInt32 {
    UnwrittenStep.report(step, "the hypercall entry stub pok_hypercall_entry (Sources/Runtime/gate-entries.S)")
}
#endif
