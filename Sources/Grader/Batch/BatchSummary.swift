// What a finished batch leaves: the gradebook's rows and the exit code they give.

public struct BatchSummary: Sendable, Equatable {
    /// Every row of the gradebook, those of earlier runs (resume) first.
    public let rows: [GradebookRow]
    /// The submissions this run graded, and those it skipped because they had a row.
    public let graded: [String]
    public let skipped: [String]
    public let gradebook: String

    /// As for one submission (docs/grading.md, "Exit codes"), over the whole gradebook: 2 if the
    /// grader failed on any submission, else 1 if any is below full marks, else 0.
    public var exitCode: Int32 {
        if rows.contains(where: \.isGraderFailure) { return 2 }
        return rows.allSatisfy { $0.scoreExact == $0.maximumExact } ? 0 : 1
    }
}
