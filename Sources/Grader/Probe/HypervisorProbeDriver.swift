// Drives Chapter 5's grader probe (Sources/Grader/Probes/hypervisor-probe.swift) through QEMU's gdb
// stub. Three breakpoints: the probe's reports (ring 1 and guest mode alike), slot 17 of the
// hypercall page (Libpok's Xen.version() must enter there), and `pok_svm_exited` in the kernel's
// world switch (Sources/Runtime/svm.S), where the grader reads each #VMEXIT's exit code and the
// guest's RAX from the VMCB whose address VMRUN left in EAX.
import Conformance
import PokdocKit

/// What the grader draws from the run's seed for Chapter 5's probe, so that no kernel can answer
/// from a table of the values it will be asked: a command `xen_version` does not have, and a
/// hypercall ID nobody registers.
public struct HypervisorProbePlan: Sendable, Equatable {
    public var unknownCommand: UInt32
    public var unregisteredID: UInt32

    /// Commands from 100 (Xen's XENVER_ commands are below 32) to 0xFFFF; IDs from 0x10000 (every
    /// Palacios ID is below) to 0xFFFEFFFF (never -1, the unregistered answer).
    public init(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        unknownCommand = 100 + generator.below(0xFFFF - 100)
        unregisteredID = 0x1_0000 + generator.below(0xFFFE_0000)
    }
}

public struct HypervisorProbeObservation: Sendable {
    /// One call of pok_grader_report: its tag and seven words.
    public struct Report: Sendable, Equatable {
        public var tag: UInt32
        public var words: [UInt32]

        /// The 64-bit value whose low half is `words[low]` and high half `words[low + 1]`.
        public func value64(low: Int) -> UInt64 { UInt64(words[low + 1]) << 32 | UInt64(words[low]) }
    }

    /// One #VMEXIT, seen in the host just after VMRUN returned.
    public struct Exit: Sendable, Equatable {
        /// VMCB EXITCODE (0x81 VMMCALL, 0x46 #UD, 0x78 HLT…).
        public var code: UInt32
        /// The guest's RAX at the exit: the hypercall's ID.
        public var rax: UInt32
        /// The tag of the report the probe made last before it.
        public var afterTag: UInt32
    }

    public var reports: [Report] = []
    /// The tag of the last report before each entry into the watched slot of the hypercall page.
    public var pageEntries: [UInt32] = []
    public var exits: [Exit] = []
    /// What the probe left in memory for report 1: what each number of the Xen-style table answered.
    public var tableAnswers: [UInt32] = []
    /// The first difference between the probe's code in guest memory and the bytes built, if any.
    public var codeMismatch: String?
    /// The values the grader gave the probe.
    public var plan: HypervisorProbePlan
    public init(plan: HypervisorProbePlan) { self.plan = plan }

    public func report(_ tag: UInt32) -> Report? { reports.first { $0.tag == tag } }
    var lastTag: UInt32 { reports.last?.tag ?? 0 }
}

struct HypervisorProbeDriver: Sendable {
    /// pok_grader_report, partition-relative.
    let report: UInt32
    /// The watched slot of the hypercall page, partition-relative.
    let slot: UInt32
    /// pok_svm_exited, a linear address (the kernel is flat).
    let exited: UInt32
    /// The partition's code as built, from its start through pok_grader_report (the probe's code
    /// is linked first): compared with guest memory at every report.
    let code: [UInt8]

    /// The report after which the probe is done.
    static let lastTag: UInt32 = 99
    /// The plan's answer to the probe's question at report `tag` (0 in ring 1, 9 in the guest).
    static func answer(_ tag: UInt32, _ plan: HypervisorProbePlan) -> UInt32? {
        switch tag {
        case 0: plan.unknownCommand
        case 9: plan.unregisteredID
        default: nil
        }
    }
    /// VMCB offsets: EXITCODE in the control area; RAX in the state-save area (0x400 + 0x1F8).
    /// AMD64 APM Vol. 2, Appendix B, tables B-1 and B-2.
    static let exitCodeOffset: UInt32 = 0x70
    static let raxOffset: UInt32 = 0x5F8
    /// A probe makes a few dozen stops; more is a kernel that loops through them.
    static let stopBound = 400

    var base: UInt32 { ProbeLayout.partitionBase }

    init(symbols: ProbeSymbols, kernel: [String: UInt32], watchedSlot: UInt32) throws {
        report = try symbols.address("pok_grader_report")
        let page = try symbols.address("pok_hypercall_page")
        let slotSize = UInt32(HypercallInterfaces.xen.page?.slotSize ?? 32)
        slot = page + watchedSlot * slotSize
        guard let exited = kernel["pok_svm_exited"] else {
            throw ProbeSymbols.Missing(symbol: "pok_svm_exited", elf: "the kernel")
        }
        guard exited >= ProbeLayout.partitionSize else {
            throw ProbeSymbols.Missing(symbol: "pok_svm_exited above the partition's addresses", elf: "the kernel")
        }
        self.exited = exited
        code = symbols.code(from: 0, to: report + 1)
    }

    func drive(_ remote: GDBRemote, _ seen: inout HypervisorProbeObservation) throws(GDBRemoteError) {
        for address in [base + report, base + slot, exited] { try remote.setBreakpoint(address) }
        let callBound = remote.stopTimeout
        for round in 0..<Self.stopBound {
            let registers = try remote.nextStop(round: round, callBound: callBound,
                                                waitingFor: "the probe's report after report \(seen.lastTag) (the guest ended)")
            // The kernel is linked above 1 MiB and the partition below 0x80000: an EIP names one
            // stop (the SVM guest runs with selector 0x08 too, so CS cannot tell them apart).
            if registers.eip == exited {
                // EAX is the host's again: the VMCB's physical address, which VMRUN took.
                let code = try remote.readUInt32(registers.eax + Self.exitCodeOffset)
                let rax = try remote.readUInt32(registers.eax + Self.raxOffset)
                seen.exits.append(.init(code: code, rax: rax, afterTag: seen.lastTag))
                try remote.stepOver(exited)
            } else if registers.eip == report {
                // cdecl: [esp] the return address, then the tag and seven words.
                let bytes = try remote.readMemory(base + registers.esp + 4, length: 32)
                let words = (0..<8).map { HexBytes.littleEndianUInt32(bytes, at: $0 * 4) }
                seen.reports.append(.init(tag: words[0], words: Array(words.dropFirst())))
                if let answer = Self.answer(words[0], seen.plan), words[1] <= ProbeLayout.partitionSize - 4 {
                    try remote.writeMemory(base + words[1], Self.bytes(answer))
                }
                if words[0] == 1, words[1] <= ProbeLayout.partitionSize - 4 * 64 {
                    let table = try remote.readMemory(base + words[1], length: 4 * Int(min(words[2], 64)))
                    seen.tableAnswers = (0..<table.count / 4).map { HexBytes.littleEndianUInt32(table, at: $0 * 4) }
                }
                // At every report: the SVM guest is a fresh copy of the image, so a patch made during
                // the ring-1 half would be gone by the last report.
                try checkCode(remote, &seen)
                if words[0] == Self.lastTag || seen.codeMismatch != nil { return }
                try remote.stepOver(base + report)
            } else if registers.eip == slot {
                seen.pageEntries.append(seen.lastTag)
                try remote.stepOver(base + slot)
            } else {
                throw .unexpectedReply(command: "c", reply: "the probe stopped at \(hex(registers.cs)):\(hex(registers.eip)), at no breakpoint of the grader's")
            }
        }
        throw .timeout(waitingFor: "the probe's last report (\(Self.stopBound) stops without it)", after: .zero)
    }

    static func bytes(_ word: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }

    /// Compares the probe's code in guest memory with the bytes built.
    func checkCode(_ remote: GDBRemote, _ seen: inout HypervisorProbeObservation) throws(GDBRemoteError) {
        guard seen.codeMismatch == nil else { return }
        let live = try remote.readMemory(base, length: code.count)
        if let offset = zip(live, code).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            seen.codeMismatch = "the probe's code at partition address \(hex(UInt32(offset))) is \(hex(UInt32(live[offset]))) in guest memory, \(hex(UInt32(code[offset]))) as built"
        }
    }
}
