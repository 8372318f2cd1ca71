// Chapter 5's Palacios way (steps 5–7), judged from the hypervisor probe's reports in guest mode
// and the #VMEXITs the grader saw in the host: raw VMMCALLs on the student's kernel,
// GuestCall.hostTime() from the student's Libpok on the reference kernel.
import Conformance
import Grading
import PokdocKit

struct PalaciosChecks {
    static let registered = "palacios.rdhtsc.registered"
    static let value = "palacios.rdhtsc.value"
    static let unregistered = "palacios.unregistered"
    static let testCall = "palacios.test-call"
    static let libpokCall = "palacios.libpok.call"
    static let libpokResult = "palacios.libpok.result"

    static let interface = HypercallInterfaces.palacios
    static let hostTime = interface.number("TIME_RDHTSC_HCALL") ?? 0xD001
    static let test = interface.number("TEST_HCALL") ?? 0x1
    /// What an unregistered ID answers in RAX (Palacios: -1).
    static let missing = UInt32(bitPattern: Int32(interface.missing.value))
    /// TEST_HCALL's answer in EBX, ECX, EDX, ESI (PalaciosHypercalls.test).
    static let testAnswer: [UInt32] = [0x1111, 0x2222, 0x3333, 0x4444]
    /// The exits a hypercall makes: VMMCALL (0x81), and VMCALL's #UD (0x46), which the hypervisor decodes.
    static let callExits: Set<UInt32> = [0x81, 0x46]

    /// The check's rule in words, for a failure's `expected`.
    static func rule(_ id: String) -> String { catalog[id]?.expected ?? id }

    static let catalog: [String: CheckDescription] = [
        registered: .init("TIME_RDHTSC_HCALL is registered", "VMMCALL with RAX = 0xd001 reaches a handler: RAX does not come back -1",
                          "Chapter 5, 'Step 6: the registration'"),
        value: .init("TIME_RDHTSC_HCALL answers the host's counter", "EBX holds the low and ECX the high half of the time-stamp counter, read between the guest's two RDTSCs around the call",
                     "Chapter 5, 'Step 5: the handler'"),
        unregistered: .init("An unregistered ID still answers -1", "VMMCALL with an ID nobody registered (drawn from the seed) comes back with RAX = -1 and the guest goes on",
                            "Chapter 5, 'Dispatch by registration'"),
        testCall: .init("TEST_HCALL keeps its handler", "VMMCALL with RAX = 1 comes back with EBX..ESI = 0x1111..0x4444 and RAX = 1",
                        "Chapter 5, 'Step 6: the registration'"),
        libpokCall: .init("GuestCall.hostTime() makes the hypercall", "Libpok's GuestCall.hostTime() exits to the hypervisor (VMMCALL, or VMCALL's #UD) with RAX = 0xd001",
                          "Chapter 5, 'Step 7: the guest side'"),
        libpokResult: .init("GuestCall.hostTime() returns ECX:EBX", "GuestCall.hostTime() returns the hypervisor's answer as one 64-bit value, between the guest's two RDTSCs around it",
                            "Chapter 5, 'Step 7: the guest side'"),
    ]

    static func judgeKernel(_ observed: ObservedRun<HypervisorProbeObservation>) -> [Judgement] {
        let seen = observed.observation
        var out: [Judgement] = []
        func never(_ id: String, _ what: String) -> Judgement {
            .failed(id, observed: "the SVM guest never reported \(what): " + observed.endingWords, expected: rule(id))
        }
        // The map's other answers are judged once the new call is registered: a map with no new
        // entry keeps them trivially.
        let later = [value, unregistered, testCall]
        guard let time = seen.report(10) else {
            return [never(registered, "TIME_RDHTSC_HCALL's answer")] + later.map { .notRun($0, needs: registered) }
        }
        guard time.words[0] != missing else {
            return [.failed(registered, observed: "RAX came back -1: no handler is registered for 0xd001", expected: rule(registered))]
                + later.map { .notRun($0, needs: registered) }
        }
        out.append(.passed(registered, observed: "RAX came back \(hex(time.words[0]))"))
        let (answer, before, after) = (time.value64(low: 1), time.value64(low: 3), time.value64(low: 5))
        out.append(before <= answer && answer <= after
            ? .passed(value, observed: "ECX:EBX = \(hex(answer)), between \(hex(before)) and \(hex(after))")
            : .failed(value, observed: "ECX:EBX = \(hex(answer)) (EBX \(hex(time.words[1])), ECX \(hex(time.words[2]))); the guest read \(hex(before)) before the call and \(hex(after)) after",
                      expected: rule(value)))
        let id = seen.plan.unregisteredID
        if let answer = seen.report(11) {
            // The grader saw the exit itself: the call carried the ID it gave.
            let exited = seen.exits.contains { $0.afterTag == 10 && PalaciosChecks.callExits.contains($0.code) && $0.rax == id }
            if answer.words[1] != id || !exited {
                out.append(.failed(unregistered, observed: "the probe's call did not carry the grader's ID \(hex(id)): its memory was changed",
                                   expected: rule(unregistered)))
            } else {
                out.append(answer.words[0] == missing && seen.report(12) != nil
                    ? .passed(unregistered, observed: "ID \(hex(id)): RAX = -1, and the guest went on")
                    : .failed(unregistered, observed: answer.words[0] == missing ? "ID \(hex(id)): RAX = -1, but the guest did not go on: " + observed.endingWords
                              : "ID \(hex(id)): RAX came back \(hex(answer.words[0]))", expected: rule(unregistered)))
            }
        } else {
            out.append(never(unregistered, "what an unregistered ID answers"))
        }
        if let answer = seen.report(12) {
            let registers = Array(answer.words[1...4])
            out.append(answer.words[0] == test && registers == testAnswer
                ? .passed(testCall, observed: "EBX..ESI = 0x1111..0x4444")
                : .failed(testCall, observed: "RAX \(hex(answer.words[0])), EBX..ESI \(registers.map(hex).joined(separator: ", "))", expected: rule(testCall)))
        } else {
            out.append(never(testCall, "TEST_HCALL's answer"))
        }
        return out
    }

    static func judgeLibpok(_ observed: ObservedRun<HypervisorProbeObservation>) -> [Judgement] {
        let seen = observed.observation
        let exits = seen.exits.filter { $0.afterTag == 12 }
        guard let report = seen.report(13) else {
            let why = "GuestCall.hostTime() never returned: " + observed.endingWords
            return [.failed(libpokCall, observed: why, expected: rule(libpokCall)),
                    .failed(libpokResult, observed: why, expected: rule(libpokResult))]
        }
        var out: [Judgement] = []
        let call = exits.first { callExits.contains($0.code) && $0.rax == hostTime }
        if let call {
            out.append(.passed(libpokCall, observed: "exit \(hex(call.code)) with RAX = \(hex(call.rax))"))
        } else {
            let what = exits.isEmpty ? "no exit to the hypervisor"
                : exits.map { "exit \(hex($0.code)) with RAX = \(hex($0.rax))" }.joined(separator: ", ")
            out.append(.failed(libpokCall, observed: "during GuestCall.hostTime(): " + what, expected: rule(libpokCall)))
        }
        let (answer, before, after) = (report.value64(low: 1), report.value64(low: 3), report.value64(low: 5))
        if report.words[0] == 0 {
            out.append(.failed(libpokResult, observed: "it returned nil, on a hypervisor that has the handler", expected: rule(libpokResult)))
        } else {
            out.append(before <= answer && answer <= after
                ? .passed(libpokResult, observed: "\(hex(answer)), between \(hex(before)) and \(hex(after))")
                : .failed(libpokResult, observed: "it returned \(hex(answer)); the guest read \(hex(before)) before the call and \(hex(after)) after",
                          expected: rule(libpokResult)))
        }
        return out
    }

}
