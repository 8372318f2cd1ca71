// How one graded check ended (docs/grading.md, "Check status").

public enum CheckStatus: Equatable, Sendable {
    /// The check ran and held: it earns its points.
    case passed
    /// The check ran and did not hold.
    case failed
    /// The check was not run because it stands on another that failed (`needs` names that one).
    case notRun(needs: String)
    /// The grader could not run the check: a fault of the grader, not of the submission.
    case error

    /// The word the reports use: "passed", "failed", "not-run", "error".
    public var word: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .notRun: "not-run"
        case .error: "error"
        }
    }
}
