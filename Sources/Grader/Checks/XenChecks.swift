// Chapter 5's Xen way (steps 1–4), judged from the hypervisor probe's reports: raw `int $0x82` on
// the student's kernel, Xen.version() from the student's Libpok on the reference kernel.
import Conformance
import Grading
import PokdocKit

struct XenChecks {
    static let dispatch = "xen.version.dispatch"
    static let holes = "xen.table.holes"
    static let query = "xen.version.query"
    static let unknownCommand = "xen.version.unknown-command"
    static let libpokPage = "xen.libpok.page"
    static let libpokResult = "xen.libpok.result"

    static let interface = HypercallInterfaces.xen
    /// __HYPERVISOR_xen_version.
    static let xenVersion = interface.number("__HYPERVISOR_xen_version") ?? 17
    /// The calls the reference kernel's table holds: every other number below NR_hypercalls is a hole.
    static let implemented: Set<UInt32> = Set(["__HYPERVISOR_console_io", "__HYPERVISOR_sched_op", "__HYPERVISOR_xen_version"]
        .compactMap { interface.number($0) })
    /// -ENOSYS as EAX holds it.
    static let enosys = UInt32(bitPattern: Int32(interface.missing.value))
    /// XENVER_version's answer: major << 16 | minor, 1.0 (Chapter 5, "The assignment").
    static let version: UInt32 = 0x0001_0000

    /// The check's rule in words, for a failure's `expected`.
    static func rule(_ id: String) -> String { catalog[id]?.expected ?? id }

    static let catalog: [String: CheckDescription] = [
        dispatch: .init("Hypercall 17 reaches xen_version", "int $0x82 with EAX = 17 is answered by a handler, not -ENOSYS (xen_version's number and its table entry)",
                        "Chapter 5, 'Step 1: the number' and 'Step 2: the table entry'"),
        holes: .init("Every other number is still a hole", "each number below 64 but 17, 18 and 29, and 64 and 0xFFFFFFFF past the table's end, answers -ENOSYS (-38)",
                     "Chapter 5, 'Step 2: the table entry'"),
        query: .init("XENVER_version answers 1.0", "xen_version(XENVER_version = 0) answers 0x10000 (major << 16 | minor)",
                     "Chapter 5, 'Step 3: the definition'"),
        unknownCommand: .init("xen_version refuses an unknown command", "xen_version with a command it does not have (drawn from the seed, 100 or more) answers -ENOSYS (-38)",
                              "Chapter 5, 'Step 3: the definition'"),
        libpokPage: .init("Xen.version() calls through the hypercall page", "Libpok's Xen.version() enters slot 17 of the page the kernel wrote",
                          "Chapter 5, 'Step 4: the guest side'"),
        libpokResult: .init("Xen.version() returns the kernel's answer", "Xen.version() returns 0x10000 on the reference kernel", "Chapter 5, 'Step 4: the guest side'"),
    ]

    /// The student's kernel, called with raw `int $0x82` by the probe (reference Libpok).
    static func judgeKernel(_ observed: ObservedRun<HypervisorProbeObservation>) -> [Judgement] {
        let seen = observed.observation
        func never(_ id: String, _ what: String) -> Judgement {
            .failed(id, observed: "the probe never reported \(what): " + observed.endingWords, expected: rule(id))
        }
        guard seen.tableAnswers.count == 64 else {
            return [never(dispatch, "what the table's numbers answer"),
                    .notRun(holes, needs: dispatch), .notRun(query, needs: dispatch), .notRun(unknownCommand, needs: dispatch)]
        }
        let answers = seen.tableAnswers
        // Numbers that should be holes but answered: what a wrong number looks like.
        let answering = (0..<UInt32(64)).filter { !implemented.contains($0) && answers[Int($0)] != enosys }
            .map { "\($0) answers \(answerWords(answers[Int($0)]))" }
        let reached = answers[Int(xenVersion)] != enosys
        guard reached else {
            let hint = answering.isEmpty
                ? "no other number answers either: slot 17 of the table is empty (step 2)"
                : "while \(answering.joined(separator: ", ")): is that xen_version under another number (step 1)?"
            // The holes are judged once the call is there: a table with no new entry keeps them trivially.
            return [.failed(dispatch, observed: "hypercall 17 answers -ENOSYS; " + hint, expected: rule(dispatch)),
                    .notRun(holes, needs: dispatch), .notRun(query, needs: dispatch), .notRun(unknownCommand, needs: dispatch)]
        }
        var out: [Judgement] = [.passed(dispatch, observed: "hypercall 17 answers \(answerWords(answers[Int(xenVersion)])) with command 0")]
        if let past = seen.report(4) {
            var wrong = answering
            if past.words[0] != enosys { wrong.append("64 answers \(answerWords(past.words[0]))") }
            if past.words[1] != enosys { wrong.append("0xFFFFFFFF answers \(answerWords(past.words[1]))") }
            out.append(wrong.isEmpty
                ? .passed(holes, observed: "the \(64 - implemented.count) holes, 64 and 0xFFFFFFFF answer -ENOSYS")
                : .failed(holes, observed: wrong.joined(separator: "; "), expected: rule(holes)))
        } else if !answering.isEmpty {
            out.append(.failed(holes, observed: answering.joined(separator: "; "), expected: rule(holes)))
        } else {
            out.append(never(holes, "what 64 and 0xFFFFFFFF, past the table's end, answer"))
        }
        guard let commands = seen.report(2) else {
            return out + [never(query, "xen_version's answer to XENVER_version"), never(unknownCommand, "xen_version's answer to an unknown command")]
        }
        let (versionAnswer, unknownAnswer) = (commands.words[0], commands.words[1])
        out.append(versionAnswer == version
            ? .passed(query, observed: "0x10000")
            : .failed(query, observed: "xen_version(0) answers \(answerWords(versionAnswer))", expected: rule(query)))
        let command = seen.plan.unknownCommand
        if commands.words[2] != command {
            out.append(.failed(unknownCommand, observed: "the probe called xen_version(\(commands.words[2])), not the grader's \(command): its memory was changed",
                               expected: rule(unknownCommand)))
        } else {
            out.append(unknownAnswer == enosys
                ? .passed(unknownCommand, observed: "xen_version(\(command)) answers -ENOSYS")
                : .failed(unknownCommand, observed: "xen_version(\(command)) answers \(answerWords(unknownAnswer))", expected: rule(unknownCommand)))
        }
        return out
    }

    /// The student's Libpok on the reference kernel.
    static func judgeLibpok(_ observed: ObservedRun<HypervisorProbeObservation>) -> [Judgement] {
        let seen = observed.observation
        var out: [Judgement] = []
        // Slot 17 entered while Libpok's call ran: after report 2, before report 3.
        if seen.pageEntries.contains(2) {
            out.append(.passed(libpokPage, observed: "entered slot 17 of the hypercall page"))
        } else if seen.report(3) != nil {
            out.append(.failed(libpokPage, observed: "Xen.version() returned without entering slot 17 of the hypercall page"
                               + (seen.pageEntries.isEmpty ? "" : " (slot 17 was entered elsewhere in the probe)"),
                               expected: rule(libpokPage)))
        } else {
            out.append(.failed(libpokPage, observed: "Xen.version() never returned: " + observed.endingWords, expected: rule(libpokPage)))
        }
        if let result = seen.report(3) {
            out.append(UInt32(result.words[0]) == version
                ? .passed(libpokResult, observed: "0x10000")
                : .failed(libpokResult, observed: "Xen.version() returned \(answerWords(result.words[0]))", expected: rule(libpokResult)))
        } else {
            out.append(.failed(libpokResult, observed: "Xen.version() never returned: " + observed.endingWords, expected: rule(libpokResult)))
        }
        return out
    }

    /// An answer in words: -ENOSYS, an unwritten step's marker, or hex.
    static func answerWords(_ value: UInt32) -> String {
        if value == enosys { return "-ENOSYS" }
        if value & 0xFFFF_FF00 == 0xFFFF_FF00, value & 0xFF <= 7 { return "\(hex(value)), a stub: step \(value & 0xFF) is not written" }
        return hex(value)
    }
}
