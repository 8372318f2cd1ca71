/// The kernel's half of the course's run protocol on COM1 (docs/ARCHITECTURE.md, "The QEMU protocol"): a boot line, fault and
/// test lines carrying the run's nonce, an end line, then QEMU's isa-debug-exit.
/// POK: none; POK's harness compares free text after "POK kernel initialized".
public enum RunReport {
    public enum Status {
        case done, tickBudget, partitionFault, kernelPanic

        var word: StaticString {
            switch self {
            case .done: "done"
            case .tickBudget: "tick-budget"
            case .partitionFault: "partition-fault"
            case .kernelPanic: "kernel-panic"
            }
        }

        /// 0x10 → QEMU exits 33 (the kernel finished in order); 0x11 → 35 (it did not).
        var exitCode: UInt8 { self == .kernelPanic ? 0x11 : 0x10 }
    }

    nonisolated(unsafe) static var nonce = InlineArray<32, UInt8>(repeating: 0)
    nonisolated(unsafe) static var nonceLength = 0
    /// End the run after this many ticks (0: never). Set by `ticks=` on the command line.
    nonisolated(unsafe) static var tickBudget: UInt32 = 200
    nonisolated(unsafe) static var finished = false
    /// `idtdump` on the command line: print the live IDT before entering the partition.
    nonisolated(unsafe) static var dumpIDT = false

    /// Reads `nonce=` and `ticks=` from the Multiboot command line.
    static func configure(commandLine: UnsafeRawPointer?) {
        guard let commandLine else { return }
        var index = 0
        while index < 512 {
            let byte = commandLine.load(fromByteOffset: index, as: UInt8.self)
            if byte == 0 { break }
            if matches(commandLine, at: index, "nonce=") {
                index += 6
                nonceLength = 0
                while nonceLength < 32 {
                    let c = commandLine.load(fromByteOffset: index, as: UInt8.self)
                    if c == 0 || c == 0x20 { break }
                    nonce[nonceLength] = c
                    nonceLength += 1
                    index += 1
                }
            } else if matches(commandLine, at: index, "ticks=") {
                index += 6
                var value: UInt32 = 0
                while true {
                    let c = commandLine.load(fromByteOffset: index, as: UInt8.self)
                    guard c >= 0x30, c <= 0x39 else { break }
                    value = value &* 10 &+ UInt32(c - 0x30)
                    index += 1
                }
                tickBudget = value
            } else if matches(commandLine, at: index, "idtdump") {
                dumpIDT = true
                index += 7
            } else {
                index += 1
            }
        }
    }

    private static func matches(_ text: UnsafeRawPointer, at index: Int, _ word: StaticString) -> Bool {
        var matched = true
        word.withUTF8Buffer { bytes in
            for (offset, byte) in bytes.enumerated()
            where text.load(fromByteOffset: index + offset, as: UInt8.self) != byte {
                matched = false
                return
            }
        }
        return matched
    }

    /// Starts a protocol line: `POK <kind> <nonce>`, always at the start of a line (the runner
    /// reads protocol lines only from column 0, and a partition may have left one unfinished).
    static func protocolLine(_ kind: StaticString) {
        if !Console.atLineStart { Console.newline() }
        Console.write("POK ")
        Console.write(kind)
        Console.write(" ")
        for index in 0..<nonceLength { Console.writeByte(nonce[index]) }
    }

    static func bootLine() {
        protocolLine("BOOT")
        Console.newline()
    }

    /// Ends the run: the end line, then the emulator's exit device.
    static func finish(_ status: Status) {
        if finished { return }
        finished = true
        protocolLine("END")
        Console.write(" ")
        Console.write(status.word)
        Console.newline()
        Hardware.exitEmulator(status.exitCode)
    }
}
