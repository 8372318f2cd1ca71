// Judges the student's Libpok from what the grader saw at the reference kernel's hypercall entry
// and at the Libpok probe's result reports (LibpokProbeDriver).
import Conformance
import Grading
import PokdocKit

struct LibpokChecks {
    let profile: Profile
    let side: ProbeSide<LibpokProbeObservation>

    static let runs = "libpok.runs"
    static let vector = "libpok.vector"
    static let ids = "libpok.ids"
    static let block = "libpok.block"
    static let result = "libpok.result"

    /// What the Libpok probe calls, in order: (the call, nargs, the answer the reference kernel gives).
    var expectedCalls: [(name: String, id: UInt32, nargs: UInt32, answer: UInt32)] {
        let ok = profile.error("POK_ERRNO_OK") ?? 0
        let einval = profile.error("POK_ERRNO_EINVAL") ?? 1
        let write = profile.call("consoleWrite")?.id ?? 10
        let tick = profile.call("getTick")?.id ?? 20
        return [("consoleWrite", write, 2, ok), ("getTick", tick, 1, ok), ("consoleWrite", write, 2, einval)]
    }

    /// The IDs Libpok sent for CONSWRITE and GETTICK, once its calls reached the kernel.
    var observedIDs: (consoleWrite: UInt32, getTick: UInt32)? {
        guard let seen = side.observedRun?.observation, seen.entries.count >= 2 else { return nil }
        return (seen.entries[0].id, seen.entries[1].id)
    }

    func judge() -> [Judgement] {
        let later = [Self.vector, Self.ids, Self.block, Self.result]
        guard case .ran(let observed) = side else {
            if case .notBuilt(let failure) = side {
                return [.failed(Self.runs, observed: "the Libpok side does not build: " + failure.summary,
                                expected: "Libpok and the grader's Libpok probe build with the reference kernel")]
                    + later.map { .notRun($0, needs: Self.runs) }
            }
            return []
        }
        let seen = observed.observation
        var out: [Judgement] = [.passed(Self.runs)]
        let gate = profile.gate
        guard let first = seen.entries.first, first.callerCS & 3 == 3 else {
            let why = seen.results.isEmpty ? observed.endingWords
                : "\(seen.results.count) calls returned (\(seen.results.map { hex($0.value) }.joined(separator: ", "))) through some other way into the kernel"
            out.append(.failed(Self.vector, observed: "no Libpok call reached the kernel's int $\(gate.vector) entry: " + why,
                               expected: "pokHypercall2(.consoleWrite, …) traps with int $\(gate.vector) from CPL 3"))
            return out + [Self.ids, Self.block, Self.result].map { .notRun($0, needs: Self.vector) }
        }
        out.append(.passed(Self.vector))
        let expected = expectedCalls
        // IDs.
        var idsOK = seen.entries.count >= expected.count
        var idsObserved: [String] = []
        for (index, call) in expected.enumerated() {
            guard index < seen.entries.count else { idsObserved.append("call \(index + 1): never reached the kernel"); idsOK = false; continue }
            if seen.entries[index].id != call.id {
                idsOK = false
                idsObserved.append("\(call.name) sent EAX = \(seen.entries[index].id)")
            }
        }
        out.append(idsOK ? .passed(Self.ids)
                         : .failed(Self.ids, observed: idsObserved.joined(separator: "; "),
                                   expected: expected.map { "\($0.name) = \($0.id)" }.joined(separator: ", ")))
        // Blocks.
        var blockProblem: String?
        for (index, call) in expected.enumerated() where index < seen.entries.count && blockProblem == nil {
            let entry = seen.entries[index]
            guard let words = entry.blockWords else {
                blockProblem = "call \(index + 1) (\(call.name)): EBX = \(hex(entry.block)) is not a block inside the partition"
                continue
            }
            if words[0] != call.nargs {
                blockProblem = "call \(index + 1) (\(call.name)): nargs = \(words[0])"
            } else if index == 2, words[1] != 0xC000_0000 || words[2] != 4 {
                blockProblem = "call 3: {arg1, arg2} = {\(hex(words[1])), \(words[2])}, the probe passed {0xc0000000, 4}"
            } else if index == 0, UInt64(words[1]) + UInt64(words[2]) > UInt64(ProbeLayout.partitionSize) || words[2] == 0 {
                blockProblem = "call 1: the buffer {\(hex(words[1])), \(words[2]) bytes} is not the probe's text inside the partition"
            }
        }
        out.append(blockProblem.map { .failed(Self.block, observed: $0, expected: "{nargs = N, arg1 … argN} as the probe passed them, EBX inside the partition") }
                   ?? .passed(Self.block))
        // Results, once the IDs are right (a wrong ID is answered EINVAL, and that is the IDs' failure).
        if !idsOK {
            out.append(.notRun(Self.result, needs: Self.ids))
        } else {
            let want = expected.enumerated().map { LibpokResult(call: UInt32($0.offset + 1), value: $0.element.answer) }
            if seen.results == want {
                out.append(.passed(Self.result))
            } else {
                out.append(.failed(Self.result, observed: seen.results.map { "call \($0.call) returned \(hex($0.value))" }.joined(separator: ", ")
                                   + (seen.results.count < want.count ? " (\(seen.results.count) of \(want.count) calls returned: " + observed.endingWords + ")" : ""),
                                   expected: want.map { "call \($0.call) returns \($0.value)" }.joined(separator: ", ")))
            }
        }
        return out
    }
}
