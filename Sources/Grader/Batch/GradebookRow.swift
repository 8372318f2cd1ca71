// One row of the class gradebook: one submission's grade (docs/grading.md, "The gradebook").
import Grading

public struct GradebookRow: Sendable, Equatable {
    /// The columns before the checks', in this order; then one column per rubric check.
    public static let fixedColumns = ["submission", "verdict", "score", "maximum", "score_exact", "maximum_exact", "seed", "error"]
    /// The verdict cell of a submission the grader itself failed on.
    public static let graderFailureVerdict = "grader-failure"

    public var submission: String
    /// A GradeVerdict's word, or "grader-failure".
    public var verdict: String
    /// Rounded by the rubric's rule; empty when the grader failed (no grade, not a zero).
    public var score: String
    public var maximum: String
    public var scoreExact: String
    public var maximumExact: String
    public var seed: String
    /// Why the grader failed (its GradeResult.graderFailure, or the checks in status error); else empty.
    public var error: String
    /// Each rubric check's earned points, rounded; empty for a check the result does not hold.
    public var checks: [String: String]

    public init(
        submission: String, verdict: String, score: String, maximum: String, scoreExact: String, maximumExact: String,
        seed: String, error: String, checks: [String: String]
    ) {
        self.submission = submission
        self.verdict = verdict
        self.score = score
        self.maximum = maximum
        self.scoreExact = scoreExact
        self.maximumExact = maximumExact
        self.seed = seed
        self.error = error
        self.checks = checks
    }

    /// The row of `result`, graded as submission `name`, against `rubric`'s checks and maximum.
    public init(name: String, result: GradeResult, rubric: Rubric) {
        let places = result.rounding.places
        let score = result.score
        let erroredChecks = result.checks.filter { $0.status == .error }
            .map { "check \($0.id) could not run" + ($0.message.map { ": \($0)" } ?? "") }
        let failure = ([result.graderFailure].compactMap { $0 } + erroredChecks).joined(separator: "; ")
        self.submission = name
        self.verdict = score.graderFailed ? Self.graderFailureVerdict : result.verdict.rawValue
        self.score = score.graderFailed ? "" : score.earned.rounded(toPlaces: places)
        self.maximum = rubric.maximum.rounded(toPlaces: places)
        self.scoreExact = score.graderFailed ? "" : score.earned.description
        self.maximumExact = rubric.maximum.description
        self.seed = String(result.seed)
        self.error = Self.oneLine(failure)
        var checks: [String: String] = [:]
        for check in result.checks where rubric.points(for: check.id) != nil {
            checks[check.id] = check.pointsEarned.rounded(toPlaces: places)
        }
        self.checks = checks
    }

    /// The grader failed on this submission.
    public var isGraderFailure: Bool { verdict == Self.graderFailureVerdict }

    /// The cells under `checkIDs`' columns, in the header's order. No cell holds a line break
    /// (names and errors are made `oneLine`), so a row is one line of the file and a gradebook
    /// error's line number is the row's.
    func cells(checkIDs: [String]) -> [String] {
        [submission, verdict, score, maximum, scoreExact, maximumExact, seed, error] + checkIDs.map { checks[$0] ?? "" }
    }

    /// `text` with each line break (CR LF, LF or CR) made a space.
    public static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
    }

    /// The row from its cells under `checkIDs`' header.
    init(cells: [String], checkIDs: [String]) {
        let fixed = Self.fixedColumns.count
        self.init(
            submission: cells[0], verdict: cells[1], score: cells[2], maximum: cells[3], scoreExact: cells[4],
            maximumExact: cells[5], seed: cells[6], error: cells[7],
            checks: Dictionary(uniqueKeysWithValues: checkIDs.enumerated().compactMap { index, id in
                cells[fixed + index].isEmpty ? nil : (id, cells[fixed + index])
            })
        )
    }
}
