#if POK_NEEDS_X86_VMM
/// The partition's side of the starter kit's stubs, the twin of `Kernel.UnwrittenStep`: a Libpok
/// step the student has not written yet says so once through the (already working) syscall
/// console and answers `0xFFFF_FF00 | step` without trapping.
/// POK: none (the course's starter kit).
public enum UnwrittenStep {
    /// Steps already announced (bit n for step n).
    nonisolated(unsafe) public static var announced: UInt32 = 0

    /// What an unwritten step answers.
    public static func result(_ step: UInt32) -> UInt32 { 0xFFFF_FF00 | step }

    /// The step an answer names, if it is a stub's.
    public static func step(answering value: UInt32) -> UInt32? {
        value & 0xFFFF_FF00 == 0xFFFF_FF00 ? value & 0xFF : nil
    }

    /// Prints `[chapter 4] step N is not written yet: <what>` the first time, and returns the
    /// step's answer.
    @discardableResult
    public static func report(_ step: UInt32, _ what: StaticString) -> UInt32 {
        if announced & (1 << step) == 0 {
            announced |= 1 << step
            #if POK_NEEDS_SYSCALLS
            Console.write("[chapter 4] step ")
            Console.write(UInt64(step))
            Console.write(" is not written yet: ")
            Console.write(what)
            Console.write("\n")
            #endif
        }
        return result(step)
    }
}
#endif
