import Foundation
import Testing
@testable import PokdocKit

@Suite("Build errors and refusals are verdicts")
struct BuildErrorVerdicts {
    @Test("a partition program that does not compile gets build-error with the compiler's message")
    func compileError() async throws {
        let mutant = try courseCopy(mutating: "Chapters/01-boot-and-events/programs/spin.swift") {
            $0.replacingOccurrences(of: "counter &+= 1", with: "counter &+= undefinedSymbol")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let chapter = try mutant.chapter(1)
        let outcome = await ScenarioRunner(course: mutant).run(try chapter.scenario(named: "boots-and-ticks"), of: chapter)
        #expect(outcome.runnerVerdict == .buildError)
        #expect(!outcome.passed)
        let message = outcome.problems.joined(separator: "\n")
        #expect(message.contains("compile the partition program spin.swift"), "the failing step must be named: \(message)")
        #expect(message.contains("cannot find 'undefinedSymbol' in scope"), "the compiler's own message must be shown: \(message)")
    }

    @Test("Chapter 4 refuses the x86-qemu board, naming the board it allows")
    func hypercallChapterRefusesNormalBoard() throws {
        let chapter = try CourseFixture.course.chapter(4)
        #expect(throws: ChapterError.bspNotAllowed(.x86Qemu, chapter: 4, allowed: [.x86QemuVMM])) {
            _ = try BuildConfiguration(chapter: chapter, bsp: .x86Qemu)
        }
    }
}
