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
        #if POK_NEEDS_SYSCALLS
        return report(step, what, chapter: 4, on: Console.self)
        #else
        return result(step)
        #endif
    }

    /// The same for any chapter's stub, on the channel the caller can use (a guest of Chapter 5
    /// prints through its hypervisor). Chapter 5's steps are bits 16 + n.
    @discardableResult
    public static func report<Channel: TextChannel>(_ step: UInt32, _ what: StaticString, chapter: UInt32, on channel: Channel.Type) -> UInt32 {
        let bit: UInt32 = 1 << (step + (chapter == 5 ? 16 : 0))
        if announced & bit == 0 {
            announced |= bit
            channel.write("[chapter ")
            channel.write(UInt64(chapter))
            channel.write("] step ")
            channel.write(UInt64(step))
            channel.write(" is not written yet: ")
            channel.write(what)
            channel.write("\n")
        }
        return result(step)
    }
}
#endif
