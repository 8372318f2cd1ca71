// Chapter 4, the assignment: one suite per exercise step, so each step turns its own tests green.
// Every failure message starts with the step it belongs to. The IDs the kernel-side tests use are
// POK's numbers written out (CONSWRITE 10, GETTICK 20), so a step's tests do not depend on
// the steps after it.
@testable import Kernel
import I386HostModel
import Conformance
import Libpok
import Testing

/// The kernel-side steps use the spec's numbers, so a step's tests do not depend on step 1.
enum Chapter4ABI {
    static let consoleWrite = Profiles.pokHypercall.idsByName["consoleWrite"]!
    static let getTick = Profiles.pokHypercall.idsByName["getTick"]!
    static let einval = Profiles.pokHypercall.error("POK_ERRNO_EINVAL")!
    /// What the kit's stubs answer: hypercallGate 0xFFFFFF04, coreHypercall POK_ERRNO_MODE (251),
    /// Libpok's pokHypercallN 0xFFFFFF06.
    static let gateStub: UInt32 = 0xFFFF_FF04
    static let dispatcherStub: UInt32 = 251
    static let libpokStub: UInt32 = 0xFFFF_FF06

    /// A result for a failure message, saying when it is a stub's answer.
    static func describe(_ result: UInt32) -> String {
        switch result {
        case dispatcherStub: "\(result) (POK_ERRNO_MODE, the stub's answer: step 5 is not written yet)"
        case gateStub: "\(String.hex(result)) (the gate's stub: step 4 is not written yet)"
        case libpokStub: "\(String.hex(result)) (Libpok's stub: step 6 is not written yet)"
        default: "\(result)"
        }
    }
}

/// Boots, and stops a later step's test with a message naming the earlier kernel step it needs:
/// step 2 (a present 32-bit interrupt gate of DPL 3 at vector 45) and, with `gateWritten`, step 4
/// (a gate that answers something other than its stub's 0xFFFFFF04). Step 3, the assembly entry
/// stub, is the host model's on the host, so no host test depends on it.
@discardableResult
func bootWithHypercallGate(for step: String, gateWritten: Bool = false) throws -> I386Machine {
    let machine = HostWorld.boot()
    if let missing = missingHypercallGate(for: step) { throw NeedsEarlierStep(description: missing) }
    if gateWritten {
        HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x300), at: 0x7F0)
        let answer = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x7F0)
        if answer == Chapter4ABI.gateStub {
            throw NeedsEarlierStep(description: "\(step) needs step 4 first: hypercallGate is not written yet (it answered \(String.hex(answer)))")
        }
    }
    return machine
}

/// Thrown by a later step's test when an earlier step is missing: the test stops with one message
/// that names both steps.
struct NeedsEarlierStep: Error, CustomStringConvertible {
    var description: String
}

/// Why `int $45` from CPL 3 cannot reach the kernel yet, as a later step's test says it.
func missingHypercallGate(for step: String) -> String? {
    let gate = HostWorld.gateView(45)
    if !gate.present { return "\(step) needs step 2 first: there is no gate at vector 45 yet, so `int $45` only raises #GP(0x16a)" }
    if gate.dpl != 3 { return "\(step) needs step 2 first: the gate's DPL is \(gate.dpl), so `int $45` from CPL 3 raises #GP(0x16a)" }
    if gate.attributeByte & 0x0F != 0x0E { return "\(step) needs step 2 first: gate 45 is not a 32-bit interrupt gate (type \(String.hex(gate.attributeByte & 0x0F)))" }
    return nil
}

/// Step 2's message for a CPL-3 `int $45` that did not arrive through vector 45.
func deliveryProblem(_ machine: I386Machine, since before: Int) -> String? {
    let first = machine.deliveries.dropFirst(before).first
    guard first?.vector != 45 || first?.fromCPL != 3 else { return nil }
    let gate = HostWorld.gateView(45)
    let why = !gate.present ? "there is no gate at vector 45" : gate.dpl != 3 ? "the gate's DPL is \(gate.dpl)" : "gate 45 is not an interrupt or trap gate"
    let what = first.map { $0.vector == 13 ? "#GP(\(String.hex($0.errorCode ?? 0)))" : "vector \($0.vector)" } ?? "nothing"
    return "Step 2 (Register the gate): `int $45` from CPL 3 was delivered as \(what): \(why)"
}

/// A step's own stub answered: the message says the step is not written yet.
func stubSays(_ step: String, _ answer: UInt32, _ stub: UInt32) -> String? {
    answer == stub ? "\(step) is not written yet (the stub answered \(String.hex(answer)))" : nil
}

extension HostKernel {
    @Suite("Chapter 4 — step 1: the hypercall IDs")
    struct Chapter04Step1IDs {
        @Test("the kernel's IDs are POK's (PR #3: CONSWRITE 10, GETTICK 20, IRQ 25–29)")
        func kernelValues() {
            let expected = Profiles.pokHypercall.idsByName
            let kernel = Dictionary(uniqueKeysWithValues: Kernel.HypercallID.allCases.map { ("\($0)", $0.rawValue) })
            #expect(kernel == expected, "Step 1 (The hypercall IDs): Kernel.HypercallID must hold POK's values \(expected.sorted { $0.value < $1.value }), got \(kernel.sorted { $0.value < $1.value })")
        }

        @Test("Kernel and Libpok hold the same table, case by case")
        func tablesAgree() {
            let kernel = Dictionary(uniqueKeysWithValues: Kernel.HypercallID.allCases.map { ("\($0)", $0.rawValue) })
            let libpok = Dictionary(uniqueKeysWithValues: Libpok.HypercallID.allCases.map { ("\($0)", $0.rawValue) })
            #expect(kernel == libpok, "Step 1 (The hypercall IDs): the two tables differ — a partition asking for one service would get another. Kernel \(kernel), Libpok \(libpok)")
        }

        @Test("the hypercall vector is 45 on both sides")
        func vector() {
            #expect(Kernel.hypercallVector == Profiles.pokHypercall.gate.vector, "Step 1 (The hypercall IDs): Kernel.hypercallVector must be 45 (0x2D), got \(Kernel.hypercallVector)")
            #expect(Libpok.hypercallVector == Profiles.pokHypercall.gate.vector, "Step 1 (The hypercall IDs): Libpok.hypercallVector must be 45 (0x2D), got \(Libpok.hypercallVector)")
        }
    }

    @Suite("Chapter 4 — step 2: register the gate")
    struct Chapter04Step2Registration {
        @Test("after boot, IDT entry 45 is a present 32-bit interrupt gate, DPL 3, selector 0x08 (attribute 0xEE)")
        func gateEncoding() {
            HostWorld.boot()
            let gate = HostWorld.gateView(45)
            #expect(gate.present, "Step 2 (Register the gate): IDT entry 45 is not present — is hypercallInit() called from eventInit() under #if POK_NEEDS_X86_VMM?")
            #expect(gate.attributeByte == Profiles.pokHypercall.gate.attributeByte, "Step 2 (Register the gate): gate 45 must have attribute 0xEE (P=1, DPL 3, 32-bit interrupt gate), got \(String.hex(gate.attributeByte))")
            #expect(gate.selector == Profiles.pokHypercall.gate.selector, "Step 2 (Register the gate): gate 45 must use the kernel code selector 0x08, got \(String.hex(gate.selector))")
            #expect(gate.offset == HostWorld.stub(.hypercall), "Step 2 (Register the gate): gate 45 must point at the hypercall entry stub")
        }

        @Test("a CPL-3 int $45 is delivered through vector 45, not turned into #GP")
        func deliveredFromCPL3() {
            let machine = HostWorld.boot()
            HostWorld.placeBlock(SyscallArguments(nargs: 0), at: 0x200)
            let before = machine.deliveries.count
            _ = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200)
            if let problem = deliveryProblem(machine, since: before) { Issue.record(Comment(rawValue: problem)) }
        }
    }

    /// The messages of the step suites, shown on the mistakes they are for (the gate is patched
    /// here, so this suite passes whatever the student has written).
    @Suite("Chapter 4 — failure messages name the step they depend on")
    struct Chapter04FailureMessages {
        @Test("a DPL-0 gate: step 2 says #GP(0x16a) and DPL 0; a later step says it needs step 2")
        func dplZero() {
            let machine = HostWorld.boot()
            HostWorld.patchGate(45, dpl: 0, stub: .hypercall)
            HostWorld.placeBlock(SyscallArguments(nargs: 0), at: 0x200)
            let before = machine.deliveries.count
            _ = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200)
            #expect(deliveryProblem(machine, since: before) == "Step 2 (Register the gate): `int $45` from CPL 3 was delivered as #GP(0x16a): the gate's DPL is 0")
            #expect(missingHypercallGate(for: "Step 5 (The dispatcher)") == "Step 5 (The dispatcher) needs step 2 first: the gate's DPL is 0, so `int $45` from CPL 3 raises #GP(0x16a)")
        }

        @Test("no gate at all: a later step says there is none yet")
        func noGate() {
            HostWorld.boot()
            IDT.entries[45] = 0
            #expect(missingHypercallGate(for: "Step 4 (The gate)")?.hasPrefix("Step 4 (The gate) needs step 2 first: there is no gate at vector 45") == true)
        }

        @Test("a trap gate: a later step says the gate is not an interrupt gate")
        func trapGate() {
            HostWorld.boot()
            HostWorld.patchGate(45, type: .trap32, dpl: 3, stub: .hypercall)
            #expect(missingHypercallGate(for: "Step 4 (The gate)")?.contains("not a 32-bit interrupt gate") == true)
        }
    }

    @Suite("Chapter 4 — step 4: the gate")
    struct Chapter04Step4Gate {
        @Test("a block inside the partition reaches the dispatcher with the caller's ID and arguments")
        func reachesDispatcher() throws {
            try bootWithHypercallGate(for: "Step 4 (The gate)")
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x300), at: 0x200)
            let answer = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200)
            if let message = stubSays("Step 4 (The gate)", answer, Chapter4ABI.gateStub) { Issue.record(Comment(rawValue: message)); return }
            #expect(answer == 0 || answer == Chapter4ABI.dispatcherStub,
                    "Step 4 (The gate): GETTICK with a good block must reach the dispatcher (OK, or \(Chapter4ABI.dispatcherStub) while step 5 is a stub), got \(String.hex(answer))")
        }

        /// Where the block starts inside the partition, a valid GETTICK head is written there, so a
        /// gate that skipped the check would return 0.
        @Test("an argument block outside the partition is EINVAL", arguments: ["kernel address", "wrapping", "straddling the end"])
        func blockOutside(_ where: String) throws {
            try bootWithHypercallGate(for: "Step 4 (The gate)")
            let straddle = HostWorld.partitionSize - 8
            let address: UInt32 = ["kernel address": 0xC000_0000, "wrapping": 0xFFFF_FFF0, "straddling the end": straddle][`where`]!
            if address == straddle {
                HostWorld.memory.baseAddress!.storeBytes(of: UInt32(1), toByteOffset: Int(straddle), as: UInt32.self)
                HostWorld.memory.baseAddress!.storeBytes(of: UInt32(0x500), toByteOffset: Int(straddle) + 4, as: UInt32.self)
            }
            let result = HostWorld.trap(45, eax: Chapter4ABI.consoleWrite, ebx: address)
            if let message = stubSays("Step 4 (The gate)", result, Chapter4ABI.gateStub) { Issue.record(Comment(rawValue: message)); return }
            #expect(result == Chapter4ABI.einval, "Step 4 (The gate): EBX = \(String.hex(address)) lies outside the partition: the gate must return EINVAL (1) without reading it, got \(result)")
        }

        @Test("the gate leaves every saved register but EAX as the caller had it")
        func registersPreserved() throws {
            let machine = try bootWithHypercallGate(for: "Step 4 (The gate)", gateWritten: true)
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x300), at: 0x200)
            machine.registers.ecx = 0xC1C1_C1C1
            machine.registers.edx = 0xD1D1_D1D1
            machine.registers.esi = 0x5151_5151
            machine.registers.edi = 0xD2D2_D2D2
            machine.registers.ebp = 0xB1B1_B1B1
            let before = machine.registers
            _ = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200)
            var after = machine.registers
            after.eax = before.eax
            var expected = before
            expected.ebx = 0x200
            expected.eip = before.eip &+ 2
            #expect(after == expected, "Step 4 (The gate): registers other than EAX changed across the hypercall: before \(expected), after \(after)")
        }
    }

    @Suite("Chapter 4 — step 5: the dispatcher")
    struct Chapter04Step5Dispatcher {
        @Test("CONSWRITE (10) prints the partition's buffer and returns OK")
        func consoleWrite() throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            let length = HostWorld.place("through the hypervisor\n", at: 0x400)
            HostWorld.placeBlock(SyscallArguments(nargs: 2, 0x400, length), at: 0x200)
            let result = HostWorld.trap(45, eax: Chapter4ABI.consoleWrite, ebx: 0x200)
            #expect(result == 0, "Step 5 (The dispatcher): hypercall CONSWRITE must return OK (0), got \(Chapter4ABI.describe(result))")
            #expect(HostWorld.serial.contains("through the hypervisor\n"), "Step 5 (The dispatcher): CONSWRITE must print the buffer")
        }

        @Test("GETTICK (20) writes the tick count through arg1, and it advances")
        func getTick() throws {
            let machine = try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            for _ in 0..<7 { machine.advanceClock() }
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x500), at: 0x200)
            let result = HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200)
            let ticks = HostWorld.memory.load(fromByteOffset: 0x500, as: UInt64.self)
            #expect(result == 0 && ticks == 7, "Step 5 (The dispatcher): GETTICK must return 0 and write 7 after 7 ticks; got result \(Chapter4ABI.describe(result)), ticks \(ticks)")
        }

        @Test("unknown IDs are EINVAL and the kernel keeps running")
        func unknownIDs() throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            var generator = SeededGenerator(seed: 45)
            HostWorld.placeBlock(SyscallArguments(nargs: 2, 0x400, 4), at: 0x200)
            var refusedWrongly: [(UInt32, UInt32)] = []
            for _ in 0..<200 {
                let id = UInt32.random(in: 0...UInt32.max, using: &generator)
                guard ![10, 20, 25, 26, 27, 28, 29].contains(id) else { continue }
                let result = HostWorld.trap(45, eax: id, ebx: 0x200)
                if result != Chapter4ABI.einval { refusedWrongly.append((id, result)) }
            }
            #expect(refusedWrongly.isEmpty, "Step 5 (The dispatcher): unknown hypercall IDs must be EINVAL (1); \(refusedWrongly.count) were not, e.g. \(refusedWrongly.first.map { "\($0.0) got \(Chapter4ABI.describe($0.1))" } ?? "")")
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x500), at: 0x200)
            #expect(HostWorld.trap(45, eax: Chapter4ABI.getTick, ebx: 0x200) == 0, "Step 5 (The dispatcher): after bad calls a valid GETTICK must still work")
        }

        @Test("a buffer outside the partition, an overflowing length and lying nargs are EINVAL")
        func badArguments() throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            let size = HostWorld.partitionSize
            let cases: [(String, SyscallArguments, UInt32)] = [
                ("buffer at a kernel address", SyscallArguments(nargs: 2, 0xC000_0000, 16), Chapter4ABI.consoleWrite),
                ("buffer past the end", SyscallArguments(nargs: 2, size - 4, 16), Chapter4ABI.consoleWrite),
                ("length that overflows", SyscallArguments(nargs: 2, 0x100, 0xFFFF_FFFF), Chapter4ABI.consoleWrite),
                ("nargs 0 for CONSWRITE", SyscallArguments(nargs: 0, 0x100, 4), Chapter4ABI.consoleWrite),
                ("nargs 6 for CONSWRITE", SyscallArguments(nargs: 6, 0x100, 4), Chapter4ABI.consoleWrite),
                ("GETTICK result past the end", SyscallArguments(nargs: 1, size - 4), Chapter4ABI.getTick),
            ]
            for (name, block, id) in cases {
                HostWorld.placeBlock(block, at: 0x200)
                let result = HostWorld.trap(45, eax: id, ebx: 0x200)
                #expect(result == Chapter4ABI.einval, "Step 5 (The dispatcher): \(name) must be EINVAL (1), got \(Chapter4ABI.describe(result))")
            }
        }

        @Test("the IRQ hypercalls (25–29) are reserved: UNAVAILABLE")
        func reservedIRQs() throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            HostWorld.placeBlock(SyscallArguments(nargs: 0), at: 0x200)
            for id: UInt32 in 25...29 {
                let result = HostWorld.trap(45, eax: id, ebx: 0x200)
                #expect(result == 2, "Step 5 (The dispatcher): hypercall \(id) is reserved and must return UNAVAILABLE (2), got \(Chapter4ABI.describe(result))")
            }
        }
    }

    @Suite("Chapter 4 — step 6: the partition side")
    struct Chapter04Step6Libpok {
        @Test("pokHypercallN sets nargs = N and the arguments in order, and traps through vector 45")
        func blocks() {
            let machine = HostWorld.boot()
            let calls: [(UInt32, () -> UInt32)] = [
                (0, { pokHypercall0(.getTick) }),
                (1, { pokHypercall1(.getTick, 11) }),
                (2, { pokHypercall2(.getTick, 11, 12) }),
                (3, { pokHypercall3(.getTick, 11, 12, 13) }),
                (4, { pokHypercall4(.getTick, 11, 12, 13, 14) }),
                (5, { pokHypercall5(.getTick, 11, 12, 13, 14, 15) }),
            ]
            for (n, call) in calls {
                let deliveriesBefore = machine.deliveries.count
                _ = call()
                let delivery = machine.deliveries.count > deliveriesBefore ? machine.deliveries.last : nil
                #expect(delivery?.vector == 45, "Step 6 (The partition side): pokHypercall\(n) must trap with `int $45`, got \(delivery.map { "vector \($0.vector)" } ?? "no trap")")
                let block = HostWorld.memory.baseAddress! + Int(machine.registers.ebx)
                let words = (0..<6).map { block.load(fromByteOffset: 4 * $0, as: UInt32.self) }
                let expected = [n] + (0..<5).map { $0 < Int(n) ? UInt32(11 + $0) : 0 }
                #expect(words == expected, "Step 6 (The partition side): pokHypercall\(n) must build {nargs: \(n), args…} = \(expected), the kernel saw \(words)")
            }
        }

        @Test("the Hypervisor console and clock work end to end")
        func services() {
            let machine = HostWorld.boot()
            let written = Hypervisor.write("hello through 45\n")
            #expect(written == 0 && HostWorld.serial.contains("hello through 45\n"), "Step 6 (The partition side): Hypervisor.write must reach CONSWRITE through int $45 (result \(written))")
            machine.advanceClock()
            machine.advanceClock()
            #expect(Hypervisor.ticks() == 2, "Step 6 (The partition side): Hypervisor.ticks() must read 2 after two ticks")
        }
    }
}
