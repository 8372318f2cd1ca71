#if POK_NEEDS_X86_VMM
/// What a stub of the starter kit does in place of a step the student has not written yet: it
/// says so once on the console and answers `0xFFFF_FF00 | step`, a result no written step ever
/// returns, so no check can pass on a stub and every failure can name the step that is missing.
/// `Libpok.UnwrittenStep` is the partition's twin.
/// POK: none (the course's starter kit).
public enum UnwrittenStep {
    /// Steps already announced (bit n for Chapter 4's step n, bit 16 + n for Chapter 5's), so a
    /// stub called in a loop prints once.
    nonisolated(unsafe) static var announced: UInt32 = 0

    /// What an unwritten step answers in EAX.
    public static func result(_ step: UInt32) -> UInt32 { 0xFFFF_FF00 | step }

    /// Prints `[chapter C] step N is not written yet: <what>` the first time, and returns the
    /// step's answer. Chapter 4's stubs are the hypercall gate's; Chapter 5's the second assignment's.
    @discardableResult
    static func report(_ step: UInt32, _ what: StaticString, chapter: UInt32 = 4) -> UInt32 {
        let bit: UInt32 = 1 << (step + (chapter == 5 ? 16 : 0))
        if announced & bit == 0 {
            announced |= bit
            Console.write("[chapter ")
            Console.writeDecimal(chapter)
            Console.write("] step ")
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
