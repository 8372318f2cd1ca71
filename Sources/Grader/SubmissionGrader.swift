import Foundation
import Grading

/// Grades one submission (a folder, `.zip` or `.tar.gz`) into the one in-memory result every
/// report is written from. A grader never throws for a bad submission: a submission that does not
/// compile, hangs or forges output is a verdict; only a fault of the grader itself sets
/// `GradeResult.graderFailure` (exit code 2).
public protocol SubmissionGrader: Sendable {
    func grade(_ submission: URL) async -> GradeResult
}
