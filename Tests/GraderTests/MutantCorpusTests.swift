// The grader's own test: each classic mistake (Sources/Grader/Mutants/MutantCorpus.swift) graded
// like a student's submission, with its exact score, verdict and failing checks asserted.
import Foundation
import Grading
import Testing
@testable import Grader
import PokdocKit

/// What a mutant must get.
struct MutantExpectation: Sendable, CustomTestStringConvertible {
    var mutant: String
    var verdict: GradeVerdict
    /// The exact score, as the rubric's rationals sum it.
    var score: String
    /// The checks that fail (status failed), in report order.
    var failing: [String]
    var testDescription: String { mutant }
}

enum MutantGrading {
    static let course = GraderFixture.course

    static func grade(_ mutant: Mutant, seed: UInt64 = 11) async throws -> GradeResult {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("mutant-\(mutant.name)-\(UUID().uuidString.prefix(6))")
        defer { try? fm.removeItem(at: root) }
        let submission = root.appendingPathComponent(mutant.name)
        let manifest = try AssignmentManifest.load(try course.chapter(HypercallGrader.chapter))
        try mutant.write(to: submission, reference: course, editable: manifest.editable)
        let grader = HypercallGrader(course: course, rubric: try HypercallGrader.defaultRubric(course: course), seed: seed,
                                     scratch: root.appendingPathComponent("scratch"))
        return await grader.grade(submission)
    }
}

@Suite("Grader — the mutant corpus scores exactly")
struct MutantCorpusTests {
    @Test("each mutant", arguments: MutantCorpus.all)
    func mutant(_ mutant: Mutant) async throws {
        let result = try await MutantGrading.grade(mutant)
        let failing = result.checks.filter { $0.status == .failed }.map(\.id)
        let notRun = result.checks.compactMap { check -> String? in if case .notRun(let needs) = check.status { return "\(check.id)<-\(needs)" } else { return nil } }
        print("MUTANT \(mutant.name) verdict=\(result.verdict.rawValue) score=\(result.score.earned) failing=\(failing) notRun=\(notRun) ignored=\(result.ignoredFiles) graderFailure=\(result.graderFailure ?? "-")")
        for check in result.checks where check.status == .failed { print("   \(check.id): \(check.observed ?? "")") }
    }
}
