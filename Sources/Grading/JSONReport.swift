// The JSON report: a documented, versioned schema (docs/grading.md, "JSON, schema version 1").
import Foundation

public enum JSONReport {
    /// Bumped whenever a field changes meaning or disappears; adding a field keeps the version.
    public static let schemaVersion = 1

    /// Points exactly ("1/3") and rounded by the rubric's rule ("0.33"); both strings.
    public struct Points: Codable, Equatable, Sendable {
        public let exact: String
        public let rounded: String

        public init(exact: String, rounded: String) {
            self.exact = exact
            self.rounded = rounded
        }

        init(_ value: Rational, _ rounding: RoundingRule) {
            exact = value.description
            rounded = value.rounded(toPlaces: rounding.places)
        }
    }

    public struct Check: Codable, Equatable, Sendable {
        public let id: String
        public let title: String
        /// "passed", "failed", "not-run" or "error".
        public let status: String
        /// With status "not-run": the check it stands on.
        public let needs: String?
        public let observed: String?
        public let expected: String?
        public let section: String?
        public let message: String?
        public let earned: Points
        public let possible: Points
    }

    public struct Totals: Codable, Equatable, Sendable {
        public let earned: Points
        public let possible: Points
        public let fullMarks: Bool
        public let exitCode: Int32
    }

    public struct Document: Codable, Equatable, Sendable {
        public let schemaVersion: Int
        public let submission: String
        public let graderVersion: String
        /// A decimal string: a UInt64 does not survive JavaScript's numbers.
        public let seed: String
        public let verdict: String
        public let durationMilliseconds: Int64
        public let ignoredFiles: [String]
        public let graderFailure: String?
        public let roundingPlaces: Int
        public let score: Totals
        public let checks: [Check]
    }

    public static func document(_ result: GradeResult) -> Document {
        let rounding = result.rounding
        let score = result.score
        return Document(
            schemaVersion: schemaVersion,
            submission: result.submission,
            graderVersion: result.graderVersion,
            seed: String(result.seed),
            verdict: result.verdict.rawValue,
            durationMilliseconds: result.duration.milliseconds,
            ignoredFiles: result.ignoredFiles,
            graderFailure: result.graderFailure,
            roundingPlaces: rounding.places,
            score: Totals(
                earned: Points(score.earned, rounding), possible: Points(score.possible, rounding),
                fullMarks: score.isFullMarks, exitCode: score.exitCode
            ),
            checks: result.checks.map { check in
                var needs: String?
                if case let .notRun(needed) = check.status { needs = needed }
                return Check(
                    id: check.id, title: check.title, status: check.status.word, needs: needs,
                    observed: check.observed, expected: check.expected, section: check.section, message: check.message,
                    earned: Points(check.pointsEarned, rounding), possible: Points(check.pointsPossible, rounding)
                )
            }
        )
    }

    /// The report: pretty-printed, keys sorted, "/" unescaped, ending in a newline.
    public static func render(_ result: GradeResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(document(result))  // Strings, Bools and integers only: cannot fail.
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
