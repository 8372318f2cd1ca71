// Judges the student's kernel from what the grader saw of the kernel probe (KernelProbeDriver),
// one check per rule of the pok-hypercall profile. A check whose prerequisite failed is "not run:
// needs <that check>", so each mistake is counted once, at the rule it breaks.
import Conformance
import Grading
import PokdocKit

struct KernelChecks {
    let profile: Profile
    let plan: KernelProbePlan
    let side: ProbeSide<KernelProbeObservation>

    static let runs = "kernel.runs"
    static let descriptor = "hypercall.gate.descriptor"
    static let cpl3 = "hypercall.gate.cpl3"
    static let result = "hypercall.registers.result"
    static let preserved = "hypercall.registers.preserved"
    static let conswrite = "hypercall.conswrite.bytes"
    static let gettick = "hypercall.gettick.advances"
    static let pointerBlock = "hypercall.pointer.block"
    static let pointerBuffer = "hypercall.pointer.buffer"
    static let nargs = "hypercall.nargs.range"
    static let unknownID = "hypercall.id.unknown"
    static let reservedID = "hypercall.id.reserved"
    static let idsEqual = "ids.kernel-equals-libpok"

    /// The check each call purpose exercises.
    static func check(for purpose: ProbeCallPurpose) -> String {
        switch purpose {
        case .getTick: gettick
        case .consoleWrite: conswrite
        case .blockOutside: pointerBlock
        case .bufferOutside: pointerBuffer
        case .nargsOutOfRange: nargs
        case .unknownID: unknownID
        case .reservedID: reservedID
        case .libpokID: idsEqual
        }
    }

    func judge(libpokIDsObserved: Bool) -> [Judgement] {
        let ids = [Self.descriptor, Self.cpl3, Self.result, Self.preserved, Self.conswrite, Self.gettick,
                   Self.pointerBlock, Self.pointerBuffer, Self.nargs, Self.unknownID, Self.reservedID]
        guard case .ran(let observed) = side else {
            if case .notBuilt(let failure) = side {
                return [.failed(Self.runs, observed: "the kernel side does not build: " + failure.summary,
                                expected: "the kernel and the grader's probe build for x86-qemu-vmm")]
                    + (ids + [Self.idsEqual]).map { .notRun($0, needs: Self.runs) }
            }
            return []
        }
        let seen = observed.observation
        guard seen.reachedProbe else {
            return [.failed(Self.runs, observed: "the probe partition never ran: " + observed.endingWords,
                            expected: "the kernel boots and enters partition 0 at CPL 3")]
                + (ids + [Self.idsEqual]).map { .notRun($0, needs: Self.runs) }
        }
        var out: [Judgement] = [.passed(Self.runs)]
        let gate = profile.gate
        // The descriptor, read through IDTR.
        let entry = seen.idt[Int(gate.vector)]
        let descriptorOK: Bool
        if let entry, entry.attributes == gate.attributeByte, entry.selector == gate.selector {
            out.append(.passed(Self.descriptor, observed: "attribute \(hex8(entry.attributes)), selector \(hex16(entry.selector))"))
            descriptorOK = true
        } else {
            out.append(.failed(Self.descriptor, observed: Self.describe(entry, vector: Int(gate.vector)),
                               expected: "IDT entry \(gate.vector): attribute \(hex8(gate.attributeByte)) (present, DPL \(gate.dpl), 32-bit interrupt gate), selector \(hex16(gate.selector))"))
            descriptorOK = false
        }
        // Delivery from CPL 3: where the single-stepped `int` landed. A missing or DPL-0 gate
        // cannot deliver it, so that is the descriptor's failure, not a second one.
        let deliverable = entry.map { $0.attributes & 0x80 != 0 && ($0.attributes >> 5) & 3 == 3 } ?? false
        var cpl3OK = false
        if !descriptorOK, !deliverable {
            out.append(.notRun(Self.cpl3, needs: Self.descriptor))
        } else if let first = seen.calls.first {
            if first.landedVector == Int(gate.vector) {
                out.append(.passed(Self.cpl3))
                cpl3OK = true
            } else {
                out.append(.failed(Self.cpl3, observed: "int $\(gate.vector) from CPL 3 was delivered to " + (first.landedVector.map { "vector \($0)" } ?? "\(hex(first.landedAt)), no IDT entry's handler"),
                                   expected: "delivery through vector \(gate.vector)"))
            }
        } else {
            out.append(.failed(Self.cpl3, observed: "no call was made: " + observed.endingWords, expected: "int $\(gate.vector) delivered through vector \(gate.vector)"))
        }
        let later = [Self.result, Self.preserved, Self.conswrite, Self.gettick, Self.pointerBlock, Self.pointerBuffer,
                     Self.nargs, Self.unknownID, Self.reservedID]
        guard cpl3OK else {
            return out + later.map { .notRun($0, needs: Self.cpl3) } + [.notRun(Self.idsEqual, needs: Self.cpl3)]
        }
        // EAX: the first call (GETTICK, good block) must answer OK in EAX.
        let first = seen.calls[0]
        var resultOK = false
        if let after = first.after {
            if after.eax == first.call.expected {
                out.append(.passed(Self.result))
                resultOK = true
            } else {
                out.append(.failed(Self.result, observed: "EAX = \(hex(after.eax)) after GETTICK (ID \(first.call.id)) with a good block",
                                   expected: "EAX = \(first.call.expected) (POK_ERRNO_OK): the gate's answer stored in the saved EAX before popa"))
            }
        } else {
            out.append(.failed(Self.result, observed: "the first call never came back to the probe: " + observed.endingWords,
                               expected: "iret back to the caller with the answer in EAX"))
        }
        // Preserved registers, over every call that came back.
        let returned = seen.calls.filter { $0.after != nil }
        if returned.isEmpty {
            out.append(.notRun(Self.preserved, needs: Self.result))
        } else if let (index, name, before, after) = Self.firstChange(returned) {
            out.append(.failed(Self.preserved, observed: "\(name) = \(hex(after)) after call \(index + 1) (\(returned[index].call.purpose.rawValue)), \(hex(before)) before it",
                               expected: "EBX, ECX, EDX, ESI, EDI, EBP, DS and ES as the caller left them"))
        } else {
            out.append(.passed(Self.preserved, observed: "\(returned.count) calls"))
        }
        let answerChecks = [Self.conswrite, Self.gettick, Self.pointerBlock, Self.pointerBuffer, Self.nargs, Self.unknownID, Self.reservedID]
        guard resultOK else {
            return out + answerChecks.map { .notRun($0, needs: Self.result) } + [.notRun(Self.idsEqual, needs: Self.result)]
        }
        for check in answerChecks { out.append(judgeCalls(check, seen, observed)) }
        if libpokIDsObserved { out.append(judgeCalls(Self.idsEqual, seen, observed)) }
        return out
    }

    /// A check over the calls of its purpose: each must come back with the expected answer, and
    /// the purpose's own condition must hold.
    func judgeCalls(_ check: String, _ seen: KernelProbeObservation, _ observed: ObservedRun<KernelProbeObservation>) -> Judgement {
        let planned = plan.calls.enumerated().filter { Self.check(for: $0.element.purpose) == check }
        for (index, call) in planned {
            guard index < seen.calls.count else {
                // The run ended at an earlier call: that call's check is what this one needs.
                let stop = seen.calls.last.map { Self.check(for: $0.call.purpose) } ?? Self.result
                return .notRun(check, needs: stop == check ? Self.result : stop)
            }
            let observation = seen.calls[index]
            guard let after = observation.after else {
                return .failed(check, observed: "call \(index + 1) (ID \(call.id), block \(hex(call.block)) = \(call.blockWords.map { hex($0) })) never came back: " + observed.endingWords,
                               expected: "the answer \(call.expected) in EAX, and the kernel goes on")
            }
            if after.eax != call.expected {
                return .failed(check, observed: "EAX = \(hex(after.eax)) for call \(index + 1): ID \(call.id), block \(hex(call.block)) = \(call.blockWords.map { hex($0) })",
                               expected: "EAX = \(call.expected) (\(errorName(call.expected)))")
            }
            if check == Self.pointerBuffer, let before = observation.watchedBefore, let afterBytes = observation.watchedAfter, before != afterBytes {
                return .failed(check, observed: "call \(index + 1) (ID \(call.id)) wrote \(afterBytes) over \(before) at partition address \(hex(call.watch ?? 0)), past the partition's end",
                               expected: "no byte written outside the partition")
            }
        }
        let lines = observed.run.transcript
        switch check {
        case Self.conswrite:
            let count = lines.filter { $0 == plan.token }.count
            if count != 1 {
                return .failed(check, observed: "the line \(plan.token) appeared \(count) times on the console",
                               expected: "CONSWRITE prints its \(plan.token.utf8.count + 1) bytes exactly once")
            }
        case Self.gettick:
            let ticks = planned.compactMap { seen.calls[$0.offset].watchedAfter.map(Self.uint64) }
            if ticks.count == 2, !(ticks[1] > ticks[0]) {
                return .failed(check, observed: "GETTICK stored \(ticks[0]), then \(ticks[1]) after the timer had ticked",
                               expected: "a tick count that grows")
            }
        case Self.idsEqual:
            let line = "libpok-id-" + plan.token
            if !lines.contains(line) {
                return .failed(check, observed: "CONSWRITE with Libpok's ID answered OK but did not print \(line)", expected: "Libpok's CONSWRITE ID is the kernel's")
            }
        default: break
        }
        return .passed(check, observed: "\(planned.count) calls")
    }

    func errorName(_ value: UInt32) -> String {
        profile.errors.first { $0.value == value }?.name ?? "?"
    }

    static func firstChange(_ calls: [ProbeCallObservation]) -> (Int, String, UInt32, UInt32)? {
        for (index, call) in calls.enumerated() {
            guard let after = call.after else { continue }
            for (name, (b, a)) in zip(ProbeCallObservation.Registers.preservedNames, zip(call.before.preserved, after.preserved)) where a != b {
                return (index, name, b, a)
            }
        }
        return nil
    }

    static func describe(_ entry: IDTGate?, vector: Int) -> String {
        guard let entry else { return "IDT entry \(vector) lies beyond IDTR's limit" }
        if entry.attributes & 0x80 == 0 { return "IDT entry \(vector) is not present (attribute \(hex8(entry.attributes)))" }
        let type = entry.attributes & 0x0F
        let kind = type == 0xE ? "a 32-bit interrupt gate" : type == 0xF ? "a 32-bit trap gate (IF stays set)" : "type \(hex8(type))"
        return "IDT entry \(vector): attribute \(hex8(entry.attributes)) (\(kind), DPL \((entry.attributes >> 5) & 3)), selector \(hex16(entry.selector))"
    }

    static func uint64(_ bytes: [UInt8]) -> UInt64 {
        bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
}

func hex8(_ value: UInt8) -> String { "0x" + String(value, radix: 16, uppercase: true) }
func hex16(_ value: UInt16) -> String { "0x" + (value < 0x10 ? "0" : "") + String(value, radix: 16, uppercase: true) }
