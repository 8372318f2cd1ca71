// Drives the grader's Libpok probe (Sources/Grader/Probes/libpok-probe.swift: the student's
// Libpok on the reference kernel). The grader stops at the reference kernel's hypercall entry to
// read what each Libpok call put in EAX and the block, and at pok_grader_libpok_result to read
// what the Libpok function returned.
import PokdocKit

public struct LibpokProbeObservation: Sendable {
    /// One arrival at the reference kernel's `int $45` entry.
    public struct Entry: Sendable, Equatable {
        public var id: UInt32
        public var block: UInt32
        /// The caller's CS, from the frame the CPU pushed.
        public var callerCS: UInt32
        /// The block's six words, when the block lies inside the partition.
        public var blockWords: [UInt32]?
    }

    public var entries: [Entry] = []
    /// (call number, the value Libpok's function returned), in order.
    public var results: [LibpokResult] = []
    public init() {}
}

public struct LibpokResult: Sendable, Equatable {
    public var call: UInt32
    public var value: UInt32
}

struct LibpokProbeDriver: Sendable {
    /// The reference kernel's hypercall entry stub (a linear address: the kernel is flat).
    let entry: UInt32
    /// pok_grader_libpok_result, partition-relative.
    let result: UInt32
    /// How many calls the probe reports.
    static let calls = 3

    var base: UInt32 { ProbeLayout.partitionBase }

    func drive(_ remote: GDBRemote, _ seen: inout LibpokProbeObservation) throws(GDBRemoteError) {
        try remote.setBreakpoint(entry)
        try remote.setBreakpoint(base + result)
        // Each call stops twice (entry, result); a few more stops are tolerated, never an endless loop.
        let callBound = remote.stopTimeout
        for round in 0..<(Self.calls * 4) {
            let registers = try remote.nextStop(round: round, callBound: callBound,
                                                waitingFor: "the Libpok probe's next hypercall (the guest ended)")
            if registers.cs == 0x08, registers.eip == entry {
                let frame = try remote.readMemory(registers.esp, length: 8)
                var words: [UInt32]?
                if registers.ebx <= ProbeLayout.partitionSize - 24 {
                    let bytes = try remote.readMemory(base + registers.ebx, length: 24)
                    words = (0..<6).map { HexBytes.littleEndianUInt32(bytes, at: $0 * 4) }
                }
                seen.entries.append(.init(id: registers.eax, block: registers.ebx,
                                          callerCS: HexBytes.littleEndianUInt32(frame, at: 4), blockWords: words))
                try remote.stepOver(entry)
            } else if registers.cs & 3 == 3, registers.eip == result {
                // cdecl: [esp] the return address, [esp+4] the call number, [esp+8] the value.
                let arguments = try remote.readMemory(base + registers.esp + 4, length: 8)
                seen.results.append(LibpokResult(call: HexBytes.littleEndianUInt32(arguments, at: 0),
                                                 value: HexBytes.littleEndianUInt32(arguments, at: 4)))
                if seen.results.count == Self.calls { return }
                try remote.stepOver(base + result)
            } else {
                throw .unexpectedReply(command: "c", reply: "the Libpok probe stopped at \(hex(registers.cs)):\(hex(registers.eip)), at no breakpoint of the grader's")
            }
        }
        throw .timeout(waitingFor: "the Libpok probe's \(Self.calls) results", after: .zero)
    }
}
