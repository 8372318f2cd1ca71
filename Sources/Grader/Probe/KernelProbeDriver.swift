// Drives the grader's kernel probe (Sources/Grader/Probes/kernel-probe.c) through the gdb stub:
// loads each planned call into the registers and scratch memory, single-steps the `int $45` to
// see which handler the CPU delivered it to, runs to the probe's return point, and reads back the
// registers and memory. Everything it records was read from outside the guest.
import PokdocKit

public struct KernelProbeObservation: Sendable {
    /// The probe's `ready` was reached: the kernel booted and entered the partition.
    public var reachedProbe = false
    /// CS base and limit of the partition, from `info registers` at the first stop.
    public var partitionBase: UInt32?
    /// IDT entries (by vector, up to IDTR's limit), read through IDTR at the first stop.
    public var idt: [Int: IDTGate] = [:]
    public var calls: [ProbeCallObservation] = []
    /// The first difference between the probe's code in guest memory and the bytes built, if any.
    public var codeMismatch: String?
    /// How many calls were planned.
    public var planned = 0
    /// The call the driver was in when the session ended early (its index in the plan).
    public var interruptedCall: Int?
    public init() {}
}

struct KernelProbeDriver: Sendable {
    let plan: KernelProbePlan
    let ready: UInt32, returned: UInt32, spin: UInt32, end: UInt32, scratch: UInt32
    let code: [UInt8]

    init(plan: KernelProbePlan, symbols: ProbeSymbols) throws {
        self.plan = plan
        ready = try symbols.address("pok_grader_ready")
        returned = try symbols.address("pok_grader_returned")
        spin = try symbols.address("pok_grader_spin")
        end = try symbols.address("pok_grader_probe_end")
        scratch = try symbols.address("pok_grader_scratch")
        code = symbols.code(from: ready, to: end)
    }

    var base: UInt32 { ProbeLayout.partitionBase }

    /// Stops at `ready` the first time: the kernel has booted and entered the probe.
    func attach(_ remote: GDBRemote, _ seen: inout KernelProbeObservation) throws(GDBRemoteError) {
        seen.planned = plan.calls.count
        try remote.setBreakpoint(base + ready)
        try remote.setBreakpoint(base + returned)
        // Booting takes longer than a call: it has its own, wider bound. A loaded machine slows
        // the boot and the calls alike, so a call's bound grows with the boot's time.
        let callBound = remote.stopTimeout
        remote.stopTimeout = max(callBound, ObservedRunner.bootTimeout)
        let bootStarted = ContinuousClock.now
        let booted = try remote.continueExecution()
        remote.stopTimeout = ObservedRunner.callBound(callBound, boot: ContinuousClock.now - bootStarted)
        try expectStop(booted, at: ready, remote, waitingFor: "the kernel to enter the probe partition")
        seen.reachedProbe = true
        let info = try remote.monitor("info registers")
        seen.partitionBase = Self.segmentBase(info, "CS")
        guard seen.partitionBase == base else {
            throw .unexpectedReply(command: "monitor info registers",
                                   reply: "the partition's CS base is \(seen.partitionBase.map { hex($0) } ?? "unreadable"), the grader expects \(hex(base)) (ProbeLayout)")
        }
        let idtr = try remote.idtr()
        var vector = 0
        while let address = idtr.entryAddress(vector) {
            seen.idt[vector] = IDTGate(bytes: try remote.readMemory(address, length: 8))
            vector += 1
        }
        try checkCode(remote, &seen)
    }

    func drive(_ remote: GDBRemote, _ seen: inout KernelProbeObservation) throws(GDBRemoteError) {
        try attach(remote, &seen)
        for (index, call) in plan.calls.enumerated() {
            seen.interruptedCall = index
            if seen.codeMismatch != nil { return }
            if call.spinBefore > 0 {
                try remote.writeRegister("ecx", call.spinBefore)
                try remote.writeRegister("eip", spin)
                try expectStop(remote.continueExecution(), at: ready, remote, waitingFor: "the probe's spin loop to come back to ready")
            }
            if call.block >= scratch, call.block + UInt32(call.blockWords.count * 4) <= scratch + KernelProbePlan.Scratch.size {
                try remote.writeMemory(base + call.block, call.blockWords.flatMap(Self.bytes))
            }
            if !call.buffer.isEmpty { try remote.writeMemory(base + call.bufferOffset, call.buffer) }
            let watchedBefore = try call.watch.map { address throws(GDBRemoteError) in try remote.readMemory(base + address, length: 8) }
            try remote.writeRegister("eax", call.id)
            try remote.writeRegister("ebx", call.block)
            for (name, value) in zip(ProbeCall.patternRegisters, call.patterns) { try remote.writeRegister(name, value) }
            let before = Self.abi(try remote.registers())
            // One instruction: the `int $45`. QEMU masks interrupts while stepping, so the stop is
            // at the first instruction of the handler the CPU delivered the interrupt to.
            _ = try remote.step()
            let handler = try remote.registers()
            let landed = handler.eip &+ (handler.cs == 0x08 ? 0 : base)
            let vector = seen.idt.first(where: { $0.value.offset == landed && $0.value.attributes & 0x80 != 0 })?.key
            var observation = ProbeCallObservation(call: call, landedAt: landed, landedVector: vector, after: nil, before: before,
                                                   watchedBefore: watchedBefore, watchedAfter: nil)
            seen.calls.append(observation)
            try expectStop(remote.continueExecution(), at: returned, remote, waitingFor: "call \(index + 1) (\(call.purpose.rawValue), ID \(call.id)) to return to the probe")
            observation.after = Self.abi(try remote.registers())
            observation.watchedAfter = try call.watch.map { address throws(GDBRemoteError) in try remote.readMemory(base + address, length: 8) }
            seen.calls[seen.calls.count - 1] = observation
            try checkCode(remote, &seen)
            // Step the jmp back to ready (resuming at a breakpoint would stop on it again).
            _ = try remote.step()
        }
        seen.interruptedCall = nil
    }

    /// Compares the probe's code in guest memory with the bytes built.
    func checkCode(_ remote: GDBRemote, _ seen: inout KernelProbeObservation) throws(GDBRemoteError) {
        guard seen.codeMismatch == nil else { return }
        let live = try remote.readMemory(base + ready, length: code.count)
        if let offset = zip(live, code).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            seen.codeMismatch = "the probe's code at partition address \(hex(ready + UInt32(offset))) is \(hex(UInt32(live[offset]))) in guest memory, \(hex(UInt32(code[offset]))) as built"
        }
    }

    /// Fails unless the CPU stopped at partition address `offset`.
    func expectStop(_ reply: StopReply, at offset: UInt32, _ remote: GDBRemote, waitingFor what: String) throws(GDBRemoteError) {
        guard case .stopped = reply else { throw .closed(waitingFor: "\(what) (the guest ended: \(reply))") }
        let registers = try remote.registers()
        guard registers.eip == offset, registers.cs & 3 == 3 else {
            throw .unexpectedReply(command: "c", reply: "waiting for \(what), the CPU stopped at \(hex(registers.cs)):\(hex(registers.eip))")
        }
    }

    static func abi(_ r: I386Registers) -> ProbeCallObservation.Registers {
        .init(eax: r.eax, ebx: r.ebx, ecx: r.ecx, edx: r.edx, esi: r.esi, edi: r.edi, ebp: r.ebp, ds: r.ds, es: r.es)
    }

    static func bytes(_ word: UInt32) -> [UInt8] { withUnsafeBytes(of: word.littleEndian) { Array($0) } }

    /// The base of segment register `name` in QEMU's `info registers`: "CS =001b 00400000 000fffff …".
    static func segmentBase(_ info: String, _ name: String) -> UInt32? {
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix(name + " =") || line.hasPrefix(name + "=") {
            let fields = line.split(separator: " ").filter { !$0.isEmpty }
            guard fields.count >= 3 else { return nil }
            return UInt32(fields[fields[0].hasSuffix("=") ? 2 : 2], radix: 16)
        }
        return nil
    }
}

func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }
func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
