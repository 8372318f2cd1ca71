// What a batch reports as it goes, for a progress display (BatchProgressDisplay renders them).

public enum BatchEvent: Sendable, Equatable {
    /// Before any grading: `total` submissions, of which `alreadyGraded` have a row (resume) and
    /// are skipped; `jobs` are graded at a time.
    case planned(total: Int, alreadyGraded: Int, jobs: Int)
    /// A submission's grading began.
    case started(name: String)
    /// A submission's reports and row are written: the `done`-th of `total` (skipped ones count).
    case finished(done: Int, total: Int, row: GradebookRow)
}
