// The seeded plan: `--seed` reproduces a run exactly, and another seed changes every value a
// kernel could otherwise answer from a table.
import Conformance
import Testing
@testable import Grader

@Suite("Grader — the seeded probe plan")
struct KernelProbePlanTests {
    let profile = Profiles.pokHypercall

    @Test("the same seed gives the same calls; another seed other patterns, token and bad addresses")
    func seeded() {
        let a = KernelProbePlan(profile: profile, seed: 1, scratch: 0x200)
        let b = KernelProbePlan(profile: profile, seed: 1, scratch: 0x200)
        let c = KernelProbePlan(profile: profile, seed: 2, scratch: 0x200)
        #expect(a == b, "--seed must reproduce the plan exactly")
        #expect(a.token != c.token, "the CONSWRITE token must change with the seed")
        #expect(zip(a.calls, c.calls).allSatisfy { $0.patterns != $1.patterns }, "every call's register patterns must change with the seed")
        #expect(a.calls.filter { $0.purpose == .unknownID }.map(\.id) != c.calls.filter { $0.purpose == .unknownID }.map(\.id),
                "the unknown IDs must change with the seed")
    }

    @Test("every call's expected answer is the spec's: unknown IDs are outside the table, reserved ones UNAVAILABLE")
    func answersFromTheSpec() {
        let known = Set(profile.calls.map(\.id))
        for seed in [1, 2, 3, 99] as [UInt64] {
            let plan = KernelProbePlan(profile: profile, seed: seed, scratch: 0x200)
            for call in plan.calls {
                switch call.purpose {
                case .unknownID:
                    #expect(!known.contains(call.id) && call.expected == profile.error("POK_ERRNO_EINVAL"), "unknown ID \(call.id)")
                case .reservedID:
                    #expect(profile.calls.contains { $0.id == call.id && !$0.served } && call.expected == profile.error("POK_ERRNO_UNAVAILABLE"))
                case .blockOutside:
                    #expect(UInt64(call.block) + 24 > UInt64(ProbeLayout.partitionSize), "a block outside must leave the partition: \(call.block)")
                case .nargsOutOfRange:
                    #expect(call.blockWords[0] < 2 || call.blockWords[0] > profile.argumentBlock.capacity)
                default:
                    break
                }
            }
            #expect(plan.calls.first?.purpose == .getTick, "the first call decides gate.cpl3 and registers.result: a good GETTICK")
        }
    }
}
