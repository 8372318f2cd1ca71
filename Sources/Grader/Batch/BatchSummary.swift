// What a finished batch leaves: the gradebook's rows and the exit code they give.

public struct BatchSummary: Sendable, Equatable {
    /// Every row of the gradebook, those of earlier runs (resume) first.
    public let rows: [GradebookRow]
    /// The submissions this run graded, and those it skipped because they had a row.
    public let graded: [String]
    public let skipped: [String]
    public let gradebook: String

    /// The batch's exit code (docs/grading.md, "Grading a class locally"): 2 if the grader failed
    /// on any submission in the gradebook (it needs grading again), else 0. A student below full
    /// marks is a grade, not a failed batch.
    public var exitCode: Int32 {
        rows.contains(where: \.isGraderFailure) ? 2 : 0
    }
}
