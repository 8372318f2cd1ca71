import Libpok

@_extern(c, "pok_probe_trap45") func probeTrap45(_ registers: UnsafeMutablePointer<UInt32>)
@_extern(c, "pok_probe_data_selector") func probeDataSelector() -> UInt32

/// The registers of one raw `int $45`: what the probe loads, and what comes back.
struct Trap {
    var eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32, esi: UInt32, edi: UInt32, ebp: UInt32
    var ds: UInt32 = 0, es: UInt32 = 0

    /// EAX = ID, EBX = block; every other register gets a pattern the gate must hand back.
    init(_ eax: UInt32, _ ebx: UInt32) {
        self.eax = eax; self.ebx = ebx
        ecx = 0xC1C1_C1C1; edx = 0xD1D1_D1D1; esi = 0x5151_5151; edi = 0xD2D2_D2D2; ebp = 0xB1B1_B1B1
    }

    /// The first register (other than EAX) that `after` does not hand back as `before` had it.
    static func firstChange(_ before: Trap, _ after: Trap, _ selector: UInt32) -> (StaticString, UInt32)? {
        if after.ebx != before.ebx { return ("EBX", after.ebx) }
        if after.ecx != before.ecx { return ("ECX", after.ecx) }
        if after.edx != before.edx { return ("EDX", after.edx) }
        if after.esi != before.esi { return ("ESI", after.esi) }
        if after.edi != before.edi { return ("EDI", after.edi) }
        if after.ebp != before.ebp { return ("EBP", after.ebp) }
        if after.ds != selector { return ("DS", after.ds) }
        if after.es != selector { return ("ES", after.es) }
        return nil
    }

    /// Executes `int $45` (Sources/Runtime/partition-probe.S) and returns the registers after it.
    func call() -> Trap {
        var words = InlineArray<9, UInt32>(repeating: 0)
        words[0] = eax; words[1] = ebx; words[2] = ecx; words[3] = edx
        words[4] = esi; words[5] = edi; words[6] = ebp
        withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 9) { probeTrap45($0) } }
        var after = self
        after.eax = words[0]; after.ebx = words[1]; after.ecx = words[2]; after.edx = words[3]
        after.esi = words[4]; after.edi = words[5]; after.ebp = words[6]; after.ds = words[7]; after.es = words[8]
        return after
    }
}

/// One report line per check: `probe: step N <check>: ok`, `…: FAILED — <why>`, or
/// `…: not run — needs step M`. A check runs only when the steps it stands on passed, so each
/// failure is reported once, at the step it really depends on.
struct Probe {
    var failures: UInt64 = 0
    var notRun: UInt64 = 0
    /// The first step found missing or wrong (0: none yet), kernel side (2–5) and Libpok's IDs (1).
    var brokenKernelStep: UInt32 = 0
    var libpokIDsBroken = false

    /// The step a check of `step` stands on that failed: the kernel's steps build on each other;
    /// Libpok's calls (step 6) need Libpok's IDs (step 1) and a working kernel.
    func missing(before step: UInt32) -> UInt32 {
        if step == 6, libpokIDsBroken { return 1 }
        return brokenKernelStep != 0 && brokenKernelStep < step ? brokenKernelStep : 0
    }

    /// The check under way (its line is written when its verdict is known, so anything the
    /// check makes the kernel print stands on a line of its own before it).
    var step: UInt32 = 0
    var check: StaticString = ""

    mutating func begin(_ step: UInt32, _ check: StaticString) -> Bool {
        self.step = step
        self.check = check
        let needs = missing(before: step)
        if needs != 0 {
            notRun += 1
            prefix()
            Console.write("not run — needs step ")
            Console.write(UInt64(needs))
            Console.write("\n")
            return false
        }
        return true
    }

    func prefix() {
        Console.write("probe: step ")
        Console.write(UInt64(step))
        Console.write(" ")
        Console.write(check)
        Console.write(": ")
    }

    func ok() {
        prefix()
        Console.write("ok\n")
    }

    /// A failure the later steps cannot be checked without (`blocking`), or one they can.
    mutating func failed(_ step: UInt32, _ why: StaticString, blocking: Bool = true) {
        failures += 1
        if !blocking {
        } else if step == 1 { libpokIDsBroken = true } else if brokenKernelStep == 0 || step < brokenKernelStep { brokenKernelStep = step }
        prefix()
        Console.write("FAILED — ")
        Console.write(why)
    }

    /// Ends a FAILED line with the value observed.
    func observed(_ label: StaticString, _ value: UInt32) {
        Console.write(" (")
        Console.write(label)
        Console.write(" = ")
        hex(value)
        Console.write(")\n")
    }

    func hex(_ value: UInt32) {
        var digits = InlineArray<10, UInt8>(repeating: 0x30)
        digits[1] = 0x78
        for index in 0..<8 {
            let nibble = UInt8((value >> (28 - 4 * UInt32(index))) & 0xF)
            digits[2 + index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
        }
        withUnsafeBytes(of: &digits) { _ = Console.write(bytes: $0) }
    }

    /// Which step an answer says is not written yet (the kit's stubs answer 0xFFFFFF00 | step;
    /// the dispatcher's stub answers POK_ERRNO_MODE, 251).
    static func unwrittenStep(_ result: UInt32) -> UInt32? {
        result == 251 ? 5 : UnwrittenStep.step(answering: result)
    }

    /// Judges a check whose calls must all answer `expected`: the stub's answer for the step, the
    /// right answer, or a failure showing what came back.
    mutating func judge(_ step: UInt32, _ answer: UInt32, expected: UInt32, _ why: StaticString) {
        if stubAnswered(step, answer) { return }
        if answer == expected {
            ok()
        } else {
            failed(step, why)
            observed("EAX", answer)
        }
    }

    /// Fails the check if `result` is a stub's answer for `step`; true when it was.
    mutating func stubAnswered(_ step: UInt32, _ result: UInt32) -> Bool {
        guard let unwritten = Self.unwrittenStep(result), unwritten == step else { return false }
        failed(step, "step ")
        Console.write(UInt64(step))
        Console.write(" is not written yet")
        observed("EAX", result)
        return true
    }
}

let segmentSize: UInt32 = 0x10_0000
let consoleWrite: UInt32 = 10   // the spec's numbers, not Libpok's (step 1 is checked on its own)
let getTick: UInt32 = 20
let einval: UInt32 = 1
let unavailable: UInt32 = 2

@_cdecl("pok_partition_main")
public func partitionMain() {
    var probe = Probe()

    // ANCHOR: probe-libpok-ids
    // Step 1, Libpok's half: the partition's table and vector are POK's. (The kernel's half shows
    // in step 5: the dispatcher answers 10 and 20.)
    if probe.begin(1, "Libpok's hypercall IDs and vector are POK's") {
        let ids = HypercallID.consoleWrite.rawValue == 10 && HypercallID.getTick.rawValue == 20
            && HypercallID.irqRegisterHandler.rawValue == 25 && HypercallID.irqUnregisterHandler.rawValue == 26
            && HypercallID.irqPartitionEnable.rawValue == 27 && HypercallID.irqPartitionDisable.rawValue == 28
            && HypercallID.irqPartitionAck.rawValue == 29
        if ids && hypercallVector == 45 { probe.ok() } else {
            probe.failed(1, "Libpok.HypercallID must be CONSWRITE 10, GETTICK 20, IRQ 25–29 and hypercallVector 45")
            probe.observed("CONSWRITE", HypercallID.consoleWrite.rawValue)
        }
    }
    // ANCHOR_END: probe-libpok-ids

    // ANCHOR: probe-registers
    // Steps 2 and 3: a raw `int $45` from CPL 3 with a block outside the partition. Without a DPL-3
    // gate at 45 the CPU raises #GP and the partition stops here (step 2). The entry stub must hand
    // back every register but EAX, and EAX must be the gate's answer: EINVAL, or the answer of the
    // gate's stub while step 4 is not written.
    let before = Trap(consoleWrite, 0xC000_0000)
    let after = before.call()
    if probe.begin(2, "int $45 from CPL 3 reaches the kernel and returns") { probe.ok() }
    let selector = probeDataSelector()
    if probe.begin(3, "the gate's answer comes back in EAX") {
        if probe.stubAnswered(3, after.eax) {
        } else if after.eax == einval || after.eax == 0xFFFF_FF04 {
            probe.ok()
        } else {
            probe.failed(3, "expected EINVAL (1) from the gate, or 0xffffff04 while step 4 is a stub: store the gate's return value in the saved EAX before popa")
            probe.observed("EAX", after.eax)
        }
    }
    if probe.begin(3, "every register but EAX is preserved") {
        // Twice: refused at the gate, and passed on to the dispatcher (a zero-length CONSWRITE).
        var empty = SyscallArguments(nargs: 2, 0x100, 0)
        let good = PartitionAddress.with(&empty) { Trap(consoleWrite, $0) }
        let afterGood = good.call()
        let changed = Trap.firstChange(before, after, selector) ?? Trap.firstChange(good, afterGood, selector)
        if probe.stubAnswered(3, after.eax) {
        } else if let (register, value) = changed {
            // The answers still come back in EAX, so the later steps can be checked all the same.
            probe.failed(3, "EBX, ECX, EDX, ESI, EDI, EBP, DS and ES must come back as the caller left them: the entry stub restores them from the frame (and the gate must not write into it)", blocking: false)
            probe.observed(register, value)
        } else {
            probe.ok()
        }
    }
    // ANCHOR_END: probe-registers

    // ANCHOR: probe-gate
    // Step 4: the gate checks that EBX names a whole block inside the partition, and passes a
    // good one on to the dispatcher.
    if probe.begin(4, "an argument block outside the partition is refused") {
        var worst: UInt32 = einval
        for address: UInt32 in [0xC000_0000, 0xFFFF_FFF0, segmentSize, segmentSize - 8] {
            let result = Trap(consoleWrite, address).call().eax
            if result != einval { worst = result }
        }
        probe.judge(4, worst, expected: einval, "EBX outside the partition must be EINVAL (1), before the block is read")
    }
    if probe.begin(4, "a block inside the partition reaches the dispatcher") {
        // Answers only a dispatcher gives: GETTICK's OK, a reserved ID's UNAVAILABLE, or the
        // dispatcher stub's 251 (the gate's own refusal, EINVAL, is what a bad block gets).
        var tick: UInt64 = 0
        var tickBlock = SyscallArguments(nargs: 1, PartitionAddress.of(&tick))
        let tickAnswer = PartitionAddress.with(&tickBlock) { Trap(getTick, $0).call().eax }
        var none = SyscallArguments(nargs: 0)
        let reservedAnswer = PartitionAddress.with(&none) { Trap(25, $0).call().eax }
        if probe.stubAnswered(4, tickAnswer) {
        } else if tickAnswer == 0 || tickAnswer == 251 || reservedAnswer == unavailable {
            probe.ok()
        } else {
            probe.failed(4, "with a good block, GETTICK must reach the dispatcher (OK, or 251 from its stub)")
            probe.observed("EAX", tickAnswer)
        }
    }
    // ANCHOR_END: probe-gate

    // ANCHOR: probe-dispatcher
    // Step 5: the dispatcher answers each ID with its service, checks every argument, and refuses
    // what it does not know.
    let message: StaticString = "hypercall console reached by a raw int $45\n"
    var block = SyscallArguments(nargs: 2, PartitionAddress.of(message.utf8Start), UInt32(message.utf8CodeUnitCount))
    if probe.begin(5, "CONSWRITE (10) prints the buffer and returns OK") {
        let result = PartitionAddress.with(&block) { Trap(consoleWrite, $0).call().eax }
        probe.judge(5, result, expected: 0, "CONSWRITE = 10 must return OK (0); is Kernel.HypercallID.consoleWrite 10 (step 1)?")
    }
    if probe.begin(5, "GETTICK (20) writes the tick count through arg1, and it advances") {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var tickBlock = SyscallArguments(nargs: 1, PartitionAddress.of(&first))
        let got1 = PartitionAddress.with(&tickBlock) { Trap(getTick, $0).call().eax }
        Time.sleep(milliseconds: 5)
        tickBlock.arg1 = PartitionAddress.of(&second)
        let got2 = PartitionAddress.with(&tickBlock) { Trap(getTick, $0).call().eax }
        if probe.stubAnswered(5, got1) {
        } else if got1 == 0 && got2 == 0 && second > first { probe.ok() } else {
            probe.failed(5, "GETTICK = 20 must return OK and write a 64-bit count that grows")
            probe.observed("EAX", got1 != 0 ? got1 : got2)
        }
    }
    if probe.begin(5, "a buffer outside the partition is refused") {
        var worst: UInt32 = einval
        // Stop at the first buffer let through: a kernel that prints 4 GiB never comes back.
        for (buffer, length): (UInt32, UInt32) in [(0xC000_0000, 16), (segmentSize - 4, 16), (0x100, 0xFFFF_FFFF)] where worst == einval {
            var bad = SyscallArguments(nargs: 2, buffer, length)
            worst = PartitionAddress.with(&bad) { Trap(consoleWrite, $0).call().eax }
        }
        probe.judge(5, worst, expected: einval, "CONSWRITE must check its buffer against the partition and answer EINVAL (1)")
    }
    if probe.begin(5, "nargs that lie are refused") {
        var worst: UInt32 = einval
        for nargs: UInt32 in [0, 1, 6, 0xFFFF_FFFF] {
            var lying = SyscallArguments(nargs: nargs, 0x100, 4)
            let result = PartitionAddress.with(&lying) { Trap(consoleWrite, $0).call().eax }
            if result != einval { worst = result }
        }
        probe.judge(5, worst, expected: einval, "CONSWRITE reads two arguments: nargs below 2 or above 5 must be EINVAL (1)")
    }
    if probe.begin(5, "unknown IDs are refused") {
        var state: UInt32 = 0x1234_5678
        var worst: UInt32 = einval
        var valid = SyscallArguments(nargs: 2, 0x100, 4)
        for _ in 0..<200 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            if state == consoleWrite || state == getTick || (25...29).contains(state) { continue }
            let result = PartitionAddress.with(&valid) { Trap(state, $0).call().eax }
            if result != einval { worst = result }
        }
        probe.judge(5, worst, expected: einval, "an unknown hypercall ID must be EINVAL (1)")
    }
    if probe.begin(5, "the IRQ hypercalls (25–29) are reserved: UNAVAILABLE") {
        var worst: UInt32 = unavailable
        var none = SyscallArguments(nargs: 0)
        for id: UInt32 in 25...29 {
            let result = PartitionAddress.with(&none) { Trap(id, $0).call().eax }
            if result != unavailable { worst = result }
        }
        probe.judge(5, worst, expected: unavailable, "hypercalls 25–29 are reserved and must answer UNAVAILABLE (2)")
    }
    // ANCHOR_END: probe-dispatcher

    // ANCHOR: probe-libpok
    // Step 6: Libpok's side, against a kernel the probe has just checked.
    if probe.begin(6, "Hypervisor.write reaches CONSWRITE through pokHypercall2") {
        let result = Hypervisor.write("hypercall console reached through Libpok\n")
        probe.judge(6, result, expected: 0, "pokHypercall2(.consoleWrite, buffer, length) must build {nargs 2, buffer, length} and trap with int $45")
    }
    if probe.begin(6, "Hypervisor.ticks reads GETTICK through pokHypercall1") {
        var first: UInt64 = 0
        let result = PartitionAddress.with(&first) { pokHypercall1(.getTick, $0) }
        Time.sleep(milliseconds: 5)
        if probe.stubAnswered(6, result) {
        } else if result == 0, let second = Hypervisor.ticks(), second > first { probe.ok() } else {
            probe.failed(6, "pokHypercall1(.getTick, address) must return OK and the count must grow")
            probe.observed("EAX", result)
        }
    }
    // ANCHOR_END: probe-libpok

    Console.write("probe: finished with ")
    Console.write(probe.failures)
    Console.write(" failures")
    if probe.notRun > 0 {
        Console.write(", ")
        Console.write(probe.notRun)
        Console.write(" checks not run")
    }
    Console.write("\n")
}
