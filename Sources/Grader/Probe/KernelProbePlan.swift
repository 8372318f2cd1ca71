// The calls the grader makes the student's kernel execute, drawn from the run's seed: every
// register pattern, the console token, the unknown IDs and the bad addresses change from seed to
// seed, so a kernel cannot answer from a table of expected values.
import Conformance

public struct KernelProbePlan: Sendable, Equatable {
    public var calls: [ProbeCall]
    /// The text CONSWRITE must put on the console, once (with its newline).
    public var token: String

    /// Layout of the probe's scratch area (offsets from `pok_grader_scratch`).
    enum Scratch {
        static let block: UInt32 = 0x000
        static let tick: UInt32 = 0x040
        static let text: UInt32 = 0x100
        static let size: UInt32 = 0x1000
    }

    /// - Parameters:
    ///   - scratch: the partition-relative address of `pok_grader_scratch`.
    ///   - libpokIDs: the IDs the student's Libpok sent for CONSWRITE and GETTICK, when its run
    ///     observed them (ids.kernel-equals-libpok).
    public init(profile: Profile, seed: UInt64, scratch: UInt32, libpokIDs: (consoleWrite: UInt32, getTick: UInt32)? = nil) {
        var random = SeededGenerator(seed: seed)
        let ok = profile.error("POK_ERRNO_OK") ?? 0
        let einval = profile.error("POK_ERRNO_EINVAL") ?? 1
        let unavailable = profile.error("POK_ERRNO_UNAVAILABLE") ?? 2
        let consoleWrite = profile.call("consoleWrite")?.id ?? 10
        let getTick = profile.call("getTick")?.id ?? 20
        let size = ProbeLayout.partitionSize
        let block = scratch + Scratch.block
        let tick = scratch + Scratch.tick
        let text = scratch + Scratch.text
        let maximum = profile.argumentBlock.capacity

        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".utf8)
        let token = "grader-" + String(decoding: (0..<20).map { _ in alphabet[Int(random.below(UInt32(alphabet.count)))] }, as: UTF8.self)
        self.token = token
        var calls: [ProbeCall] = []
        func add(_ purpose: ProbeCallPurpose, id: UInt32, block address: UInt32 = block, words: [UInt32], expected: UInt32,
                 buffer: [UInt8] = [], watch: UInt32? = nil, spin: UInt32 = 0) {
            let patterns = (0..<ProbeCall.patternRegisters.count).map { _ in random.word() }
            calls.append(ProbeCall(purpose: purpose, id: id, block: address, blockWords: words, patterns: patterns,
                                   buffer: buffer, bufferOffset: text, spinBefore: spin, expected: expected, watch: watch))
        }
        // The first call decides gate.cpl3 and registers.result: GETTICK, good block, good buffer.
        add(.getTick, id: getTick, words: [1, tick], expected: ok, watch: tick)
        let bytes = Array((token + "\n").utf8)
        add(.consoleWrite, id: consoleWrite, words: [2, text, UInt32(bytes.count)], expected: ok, buffer: bytes)
        // A second GETTICK after enough spinning for the 1 kHz timer to tick several times.
        add(.getTick, id: getTick, words: [1, tick], expected: ok, watch: tick, spin: 200_000)
        // Blocks that leave the partition: straddling its end, and far outside it.
        let straddle = size - 4 - random.below(16) & ~3
        add(.blockOutside, id: getTick, block: straddle, words: [], expected: einval)
        add(.blockOutside, id: consoleWrite, block: 0x8000_0000 | random.word() & ~3, words: [], expected: einval)
        // Pointer arguments that leave the partition; the watched word just past its end must not change.
        add(.bufferOutside, id: consoleWrite, words: [2, size - 4, 16 + random.below(64)], expected: einval)
        add(.bufferOutside, id: consoleWrite, words: [2, text, 0xFFFF_FFFF - random.below(0x1000)], expected: einval)
        add(.bufferOutside, id: getTick, words: [1, size - 4], expected: einval, watch: size - 4)
        add(.bufferOutside, id: getTick, words: [1, 0xC000_0000 | random.word() & 0x0FFF_FFF0], expected: einval)
        // nargs below what CONSWRITE reads (2), and above the block's capacity.
        for nargs in [0, 1, maximum + 1 + random.below(100), 0xFFFF_FFFF] as [UInt32] {
            add(.nargsOutOfRange, id: consoleWrite, words: [nargs, text, 4], expected: einval)
        }
        // IDs outside the table.
        let known = Set(profile.calls.map(\.id))
        var unknown: [UInt32] = [random.below(10)]
        while unknown.count < 8 {
            let id = unknown.count < 4 ? random.below(64) : random.word()
            if !known.contains(id), !unknown.contains(id) { unknown.append(id) }
        }
        for id in unknown where !known.contains(id) { add(.unknownID, id: id, words: [2, text, 4], expected: einval) }
        // The reserved IDs answer UNAVAILABLE whatever the block says.
        for call in profile.calls where !call.served { add(.reservedID, id: call.id, words: [0], expected: unavailable) }
        // Libpok's IDs, as the student's Libpok sent them, must be the kernel's too.
        if let libpokIDs {
            add(.libpokID, id: libpokIDs.getTick, words: [1, tick], expected: ok, watch: tick)
            let line = Array("libpok-id-\(token)\n".utf8)
            add(.libpokID, id: libpokIDs.consoleWrite, words: [2, text, UInt32(line.count)], expected: ok, buffer: line)
        }
        self.calls = calls
    }
}
