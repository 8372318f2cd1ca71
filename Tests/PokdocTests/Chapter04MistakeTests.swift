import Foundation
import Testing
@testable import PokdocKit

/// The common mistakes of Chapter 4, each applied to the reference solution in a copy of the
/// course: a named Chapter 4 check must catch it, and its symptom must be the one the chapter shows
/// (`mistakes/<name>.txt`; `POK_RECORD_MISTAKES=1 swift test --filter Chapter04Mistakes` records them).
@Suite("Chapter 4 — common mistakes are caught", .serialized)
struct Chapter04Mistakes {
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var file: String
        var find: String
        var replace: String
        /// What the symptom must contain.
        var needle: String
        var testDescription: String { name }
    }

    static let probeMistakes: [Mistake] = [
        Mistake(name: "dpl-zero", file: "Sources/Kernel/Arch/X86/Hypercalls.swift",
                find: "stub: .hypercall, type: .interrupt32, privilegeLevel: 3)",
                replace: "stub: .hypercall, type: .interrupt32, privilegeLevel: 0)",
                needle: "#GP(0x16a)"),
        Mistake(name: "wrong-vector", file: "Sources/Kernel/Core/HypercallID.swift",
                find: "public let hypercallVector: UInt8 = 45\n",
                replace: "public let hypercallVector: UInt8 = 46\n",
                needle: "#GP(0x16a)"),
        Mistake(name: "ids-differ", file: "Sources/Kernel/Core/HypercallID.swift",
                find: "    case consoleWrite = 10 ", replace: "    case consoleWrite = 11 ",
                needle: "probe: step 5 CONSWRITE (10) prints the buffer and returns OK: FAILED"),
        Mistake(name: "clobbered-register", file: "Sources/Kernel/Arch/X86/Hypercalls.swift",
                find: "    return coreHypercall(frame.pointee.eax, arguments, caller).rawValue",
                replace: "    frame.pointee.ecx = 0\n    return coreHypercall(frame.pointee.eax, arguments, caller).rawValue",
                needle: "probe: step 3 every register but EAX is preserved: FAILED"),
        // A student who writes CONSWRITE by hand and forgets the check.
        Mistake(name: "unchecked-pointer", file: "Sources/Kernel/Core/Hypercall.swift",
                find: "        return Services.consoleWrite(args, caller)",
                replace: "        guard args.nargs == 2 else { return .invalid }\n        Console.write(bytes: UnsafeRawBufferPointer(start: caller.partition.pointer(args.arg1), count: Int(args.arg2)))\n        return .ok",
                needle: "probe: step 5 a buffer outside the partition is refused: FAILED"),
        // Step 3, the entry stub: a register the caller loses, and the gate's answer left out of EAX.
        Mistake(name: "entry-stub-clobbers-ebx", file: "Sources/Runtime/gate-entries.S",
                find: "    popa\n    addl $4, %esp\n    iret\n// SOLUTION-ELSE",
                replace: "    popa\n    xorl %ebx, %ebx\n    addl $4, %esp\n    iret\n// SOLUTION-ELSE",
                needle: "probe: step 3 every register but EAX is preserved: FAILED"),
        Mistake(name: "entry-stub-result-not-in-eax", file: "Sources/Runtime/gate-entries.S",
                find: "    call pok_hypercall_gate\n    movl %eax, 40(%esp)\n",
                replace: "    call pok_hypercall_gate\n",
                needle: "probe: step 3 the gate's answer comes back in EAX: FAILED"),
    ]

    @Test("the hypercall-probe scenario catches", arguments: probeMistakes)
    func probeCatches(_ mistake: Mistake) async throws {
        try requireQEMU()
        let mutant = try courseCopy(mutating: mistake.file) { $0.replacingOccurrences(of: mistake.find, with: mistake.replace) }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        if mistake.file.hasSuffix("gate-entries.S") {
            // The host check of step 3 names the same mistake before anything boots.
            let stubs = try await AssembledStubs.assemble(mutant.runtimeDirectory.appendingPathComponent("gate-entries.S"),
                                                          defines: ["POK_NEEDS_SYSCALLS", "POK_NEEDS_X86_VMM"])
            let problems = AssembledStubs.entryStubProblems(stubs.functions["pok_hypercall_entry"], name: "pok_hypercall_entry", gate: "pok_hypercall_gate")
            #expect(!problems.isEmpty, "Chapter04Step3EntryStub missed '\(mistake.name)'")
        }
        let chapter = try mutant.chapter(4)
        let outcome = await ScenarioRunner(course: mutant).run(try chapter.scenario(named: "hypercall-probe"), of: chapter)
        #expect(!outcome.passed, "the mistake '\(mistake.name)' went unnoticed by hypercall-probe")
        let symptom = Self.symptom(of: outcome)
        #expect(symptom.contains(mistake.needle), "symptom of \(mistake.name) lacks '\(mistake.needle)':\n\(symptom)")
        try Self.compareWithRecorded(mistake.name, symptom)
    }

    @Test("the no-influence check catches the gate registered for the normal board")
    func unguardedRegistration() async throws {
        let mutant = try courseCopy(mutating: "Sources/Kernel/Arch/X86/Event.swift") {
            $0.replacingOccurrences(of: "    Exceptions.initialize()\n", with: "    Exceptions.initialize()\n    hypercallInit()\n")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let problems = await NoInfluenceCheck(course: mutant).problems()
        let first = try #require(problems.first, "the unguarded registration went unnoticed")
        let lines = first.split(separator: "\n").map(String.init)
        let symptom = ([lines[0]] + lines.filter { $0.contains("error:") }.prefix(1).map {
            $0.replacingOccurrences(of: mutant.root.path + "/", with: "")
        }).joined(separator: "\n") + "\n"
        #expect(symptom.contains("outside `#if POK_NEEDS_X86_VMM`"))
        #expect(symptom.contains("hypercallInit"), "the compiler's message should name hypercallInit:\n\(symptom)")
        try Self.compareWithRecorded("unguarded-registration", symptom)
    }

    /// What a student sees: the kernel's fault lines, pokdoc's explanation, the probe's failures.
    static func symptom(of outcome: ScenarioOutcome) -> String {
        let transcript = outcome.run?.transcript ?? []
        // A probe line may follow bytes the kernel printed on a partition's behalf on the same line
        // (the unchecked pointer prints memory that is not the partition's): keep the probe's part.
        var lines = transcript.compactMap { line -> String? in
            if line.hasPrefix("POK FAULT") { return line }
            guard let probe = line.range(of: "probe: "),
                  line.contains(": FAILED") || line.contains(": not run") || line.contains("probe: finished") else { return nil }
            return String(line[probe.lowerBound...])
        }
        lines += outcome.faultExplanations.map { "pokdoc: " + $0 }
        if lines.isEmpty { lines = outcome.problems }
        return lines.map(normalised).joined(separator: "\n") + "\n"
    }

    /// Instruction addresses move when code changes; the chapter shows them as `…`.
    static func normalised(_ line: String) -> String {
        line.replacing(#/eip(=| )0x[0-9a-f]+/#) { "eip\($0.1)0x…" }
    }

    static func compareWithRecorded(_ name: String, _ symptom: String) throws {
        let file = CourseFixture.root.appendingPathComponent("Chapters/04-hypercall-gate/mistakes/\(name).txt")
        if ProcessInfo.processInfo.environment["POK_RECORD_MISTAKES"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try symptom.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try? String(contentsOf: file, encoding: .utf8)
        #expect(recorded == symptom, "the symptom of \(name) differs from what Chapter 4 shows (\(file.lastPathComponent)); record anew with POK_RECORD_MISTAKES=1 if intended:\n\(symptom)")
    }
}
