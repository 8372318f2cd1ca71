// The totals of a GradeResult, exact, and the exit code they give (docs/grading.md, "Exit codes").

public struct Score: Sendable, Equatable {
    public let earned: Rational
    public let possible: Rational
    /// The grader failed: a GradeResult.graderFailure, or a check in status `error`.
    public let graderFailed: Bool

    public init(_ result: GradeResult) {
        earned = result.checks.map(\.pointsEarned).sum()
        possible = result.checks.map(\.pointsPossible).sum()
        graderFailed = result.graderFailure != nil || result.checks.contains { $0.status == .error }
    }

    /// Full marks, compared exactly.
    public var isFullMarks: Bool { earned == possible }

    /// 0 at full marks, 1 below, 2 when the grader itself failed (whatever the points).
    public var exitCode: Int32 {
        if graderFailed { return 2 }
        return isFullMarks ? 0 : 1
    }
}
