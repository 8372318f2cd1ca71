import Foundation
import Testing
@testable import PokdocKit

// The two steps of Chapter 4 written in assembly, read back from what the toolchain assembles:
// step 3, the hypercall entry stub, and step 6's `int $45` stub in Libpok. What they do is checked
// under QEMU by the hypercall probe; these host checks name the instruction that breaks the rule.

/// The course's runtime assembled as the VMM board's kernel and partitions see it.
func assembledRuntime(_ name: String) async throws -> AssembledStubs {
    try await AssembledStubs.assemble(CourseFixture.course.runtimeDirectory.appendingPathComponent(name),
                                      defines: ["POK_BARE_METAL", "POK_NEEDS_SYSCALLS", "POK_NEEDS_X86_VMM"])
}

@Suite("Chapter 4 — step 3: the entry stub")
struct Chapter04Step3EntryStub {
    @Test("pok_hypercall_entry saves the frame, calls the gate, stores its answer in EAX and returns with iret")
    func entryStub() async throws {
        let stubs = try await assembledRuntime("gate-entries.S")
        let problems = AssembledStubs.entryStubProblems(stubs.functions["pok_hypercall_entry"], name: "pok_hypercall_entry", gate: "pok_hypercall_gate")
        #expect(problems.isEmpty, "Step 3 (The entry stub): \(problems.joined(separator: "; "))")
    }
}

@Suite("Chapter 4 — step 6: Libpok's int $45")
struct Chapter04Step6SoftInterruptStub {
    @Test("pok_soft_interrupt_45 loads EAX and EBX, executes int $0x2d, keeps EBX and returns")
    func softInterrupt() async throws {
        let stubs = try await assembledRuntime("soft-interrupt.S")
        let problems = AssembledStubs.softInterruptProblems(stubs.functions["pok_soft_interrupt_45"], name: "pok_soft_interrupt_45", vector: 45)
        #expect(problems.isEmpty, "Step 6 (The partition side): \(problems.joined(separator: "; "))")
    }
}

/// The rules themselves, each shown failing on the mistake it is for (the syscall's stub, which
/// the course never strips, is the known-good base).
@Suite("Assembled stub rules")
struct AssembledStubRules {
    static func syscallStub() async throws -> [AssembledStubs.Instruction] {
        try #require(try await assembledRuntime("gate-entries.S").functions["pok_syscall_entry"])
    }

    @Test("the syscall's entry stub and soft-interrupt stub pass the rules")
    func goodStubs() async throws {
        #expect(AssembledStubs.entryStubProblems(try await Self.syscallStub(), name: "s", gate: "pok_syscall_gate").isEmpty)
        let soft = try await assembledRuntime("soft-interrupt.S").functions["pok_soft_interrupt_42"]
        #expect(AssembledStubs.softInterruptProblems(soft, name: "s", vector: 42).isEmpty)
    }

    @Test("each mistake in an entry stub is named", arguments: [
        ("result not stored", "does not store the gate's answer"),
        ("EBX clobbered after popa", "after popa"),
        ("no iret", "must return with iret"),
        ("DS not restored", "saves %ds 1 time(s) but restores it 0"),
        ("kit stub", "not written yet"),
        ("wrong gate", "never calls"),
    ])
    func entryMistakes(_ mistake: String, _ needle: String) async throws {
        var code = try await Self.syscallStub()
        switch mistake {
        case "result not stored": code.removeAll { $0.operands == "%eax, 0x28(%esp)" }
        case "EBX clobbered after popa": code.insert(.init(mnemonic: "xorl", operands: "%ebx, %ebx"), at: code.count - 2)
        case "no iret": code[code.count - 1] = .init(mnemonic: "retl", operands: "")
        case "DS not restored": code.removeAll { $0.mnemonic == "popl" && $0.operands == "%ds" }
        case "kit stub": code = [.init(mnemonic: "pushl", operands: "$0x3"), .init(mnemonic: "jmp", operands: "0x0", target: "pok_unwritten_entry")]
        default: break
        }
        let gate = mistake == "wrong gate" ? "pok_hypercall_gate" : "pok_syscall_gate"
        let problems = AssembledStubs.entryStubProblems(code, name: "stub", gate: gate)
        #expect(problems.contains { $0.contains(needle) }, "\(mistake): \(problems)")
    }

    @Test("each mistake in a soft-interrupt stub is named", arguments: [
        ("EBX not kept", "save and restore EBX"),
        ("kit stub", "not written yet"),
        ("wrong vector", "never executes `int $0x2d`"),
    ])
    func softMistakes(_ mistake: String, _ needle: String) async throws {
        var code = try #require(try await assembledRuntime("soft-interrupt.S").functions["pok_soft_interrupt_45"])
        switch mistake {
        case "EBX not kept": code.removeAll { $0.operands == "%ebx" }
        case "kit stub": code = [.init(mnemonic: "movl", operands: "$0xffffff06, %eax"), .init(mnemonic: "retl", operands: "")]
        default: code = code.map { $0.mnemonic == "int" ? .init(mnemonic: "int", operands: "$0x2e") : $0 }
        }
        let problems = AssembledStubs.softInterruptProblems(code, name: "stub", vector: 45)
        #expect(problems.contains { $0.contains(needle) }, "\(mistake): \(problems)")
    }
}
