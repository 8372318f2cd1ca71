import Foundation
import Testing
@testable import PokdocKit

/// The two breaks Chapter 2 asks about, applied to the kernel on metal: the hello scenario must fail
/// and the fault must be explained, pointing into the chapter.
@Suite("Chapter 2 — a broken syscall gate is caught", .serialized)
struct Chapter02Mistakes {
    func helloOutcome(in course: Course) async throws -> ScenarioOutcome {
        try requireQEMU()
        let chapter = try course.chapter(2)
        return await ScenarioRunner(course: course).run(try chapter.scenario(named: "hello"), of: chapter)
    }

    @Test("a DPL-0 syscall gate: hello fails with #GP(0x152), explained")
    func dplZero() async throws {
        let mutant = try courseCopy(mutating: "Sources/Kernel/Arch/X86/Syscalls.swift") {
            $0.replacingOccurrences(of: "stub: .syscall, type: .interrupt32, privilegeLevel: 3)", with: "stub: .syscall, type: .interrupt32, privilegeLevel: 0)")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let outcome = try await helloOutcome(in: mutant)
        #expect(!outcome.passed)
        #expect(outcome.faultExplanations.contains { $0.hasPrefix("#GP(0x152)") && $0.contains("`int $42` from CPL 3 through a gate whose DPL is below 3") && $0.contains("Chapter 2") },
                "expected the #GP(0x152) explanation, got \(outcome.faultExplanations)")
    }

    @Test("the kernel's syscall vector moved to 43: hello fails with #GP(0x152) on the empty entry 42")
    func vector43() async throws {
        let mutant = try courseCopy(mutating: "Sources/Kernel/Core/SyscallID.swift") {
            $0.replacingOccurrences(of: "public let syscallVector: UInt8 = 42", with: "public let syscallVector: UInt8 = 43")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let outcome = try await helloOutcome(in: mutant)
        #expect(!outcome.passed)
        #expect(outcome.faultExplanations.contains { $0.hasPrefix("#GP(0x152)") && $0.contains("Chapter 2") },
                "expected #GP(0x152) for `int $42` on an empty entry, got \(outcome.faultExplanations)")
    }
}
