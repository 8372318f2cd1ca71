// The one in-memory result of grading a submission; every report is written from it
// (docs/grading.md, "Reports").

public struct GradeResult: Sendable {
    public let submission: String
    public let graderVersion: String
    public let seed: UInt64
    public let verdict: GradeVerdict
    public let duration: Duration
    /// Files in the submission the grader did not use (outside the assignment's editable files).
    public let ignoredFiles: [String]
    public let checks: [CheckResult]
    public let rounding: RoundingRule
    /// Set when the grader itself failed (not the submission): the reason. Exit code 2.
    public let graderFailure: String?

    public init(
        submission: String, graderVersion: String, seed: UInt64, verdict: GradeVerdict, duration: Duration,
        ignoredFiles: [String] = [], checks: [CheckResult], rounding: RoundingRule, graderFailure: String? = nil
    ) {
        self.submission = submission
        self.graderVersion = graderVersion
        self.seed = seed
        self.verdict = verdict
        self.duration = duration
        self.ignoredFiles = ignoredFiles
        self.checks = checks
        self.rounding = rounding
        self.graderFailure = graderFailure
    }

    public var score: Score { Score(self) }
}
