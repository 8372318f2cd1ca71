// Gradescope's autograder results.json (docs/grading.md, "Gradescope"), per Gradescope's
// "Autograder Specifications": numbers where Gradescope needs numbers, made from the exact
// Rationals by the one rounding rule.
import Foundation

public enum GradescopeReport {
    /// Who sees a result on Gradescope, in its words.
    public enum Visibility: String, Codable, Sendable {
        case hidden
        case afterDueDate = "after_due_date"
        case afterPublished = "after_published"
        case visible
    }

    public struct Test: Codable, Equatable, Sendable {
        public let name: String
        public let score: Double
        public let max_score: Double
        /// "passed" or "failed": Gradescope knows no other.
        public let status: String
        public let output: String
        public let visibility: Visibility
    }

    public struct Results: Codable, Equatable, Sendable {
        /// The exact total, rounded once; Gradescope uses it instead of summing the tests' rounded scores.
        public let score: Double
        public let execution_time: Int64
        public let output: String
        public let visibility: Visibility
        public let stdout_visibility: Visibility
        public let tests: [Test]
        public let extra_data: [String: String]
    }

    public static func results(_ result: GradeResult, visibility: Visibility = .visible) -> Results {
        let places = result.rounding.places
        let score = result.score
        var output = ["verdict: \(result.verdict.rawValue)", "score: \(score.earned) of \(score.possible) (exact)"]
        if let failure = result.graderFailure { output.append("grader failed: \(failure)") }
        if !result.ignoredFiles.isEmpty { output.append("ignored files: \(result.ignoredFiles.joined(separator: ", "))") }
        return Results(
            score: score.earned.roundedNumber(toPlaces: places),
            execution_time: result.duration.milliseconds / 1000,
            output: output.joined(separator: "\n"),
            visibility: visibility,
            stdout_visibility: .hidden,
            tests: result.checks.map { check in
                Test(
                    name: "\(check.title) (\(check.id))",
                    score: check.pointsEarned.roundedNumber(toPlaces: places),
                    max_score: check.pointsPossible.roundedNumber(toPlaces: places),
                    status: check.status == .passed ? "passed" : "failed",
                    output: ([check.status.word] + check.detailLines).joined(separator: "\n"),
                    visibility: visibility
                )
            },
            extra_data: [
                "score_exact": score.earned.description, "max_score_exact": score.possible.description,
                "submission": result.submission, "grader_version": result.graderVersion, "seed": String(result.seed),
            ]
        )
    }

    public static func render(_ result: GradeResult, visibility: Visibility = .visible) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(results(result, visibility: visibility))  // Finite numbers only.
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
