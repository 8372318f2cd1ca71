// What Chapter 4's and Chapter 5's graders share (docs/grading.md, "How a submission is graded"):
// a private scratch folder per submission, the submission staged onto the pristine course and
// split into its kernel and Libpok sides, a submission that cannot be staged scored as a verdict,
// a fault of the grader's own reported as such, and the judgements turned into the result that
// every report is written from. A grader supplies its checks and how it runs the two sides.
import Foundation
import Grading
import PokdocKit

protocol AssignmentGrader: SubmissionGrader {
    var course: Course { get }
    var rubric: Rubric { get }
    /// The run's seed; nil draws a fresh one per submission (reported in the result).
    var seed: UInt64? { get }
    /// Where each submission gets a private scratch folder (removed after grading).
    var scratch: URL { get }
    var keepScratch: Bool { get }

    static var chapter: Int { get }
    static var version: String { get }
    /// Every check, in report order.
    static var checkIDs: [String] { get }
    /// The check `id` stands on when its side could not run: the side's `…runs` check.
    static func runCheck(for id: String) -> String
    /// The check's title, rule and section in the report.
    static func describe(_ id: String) -> CheckDescription?

    /// Builds, runs and judges both sides of a staged submission.
    func run(_ sides: SideTrees, chapter: Chapter, seed: UInt64) async throws -> ([Judgement], GradeVerdict)
}

extension AssignmentGrader {
    /// Where student code is compiled and run: no network, its tree read-only, limits on CPU and memory.
    static var sandbox: Sandbox { Sandbox(writable: [], cpuSeconds: 300, memoryBytes: 4 << 30) }

    /// The chapter's rubric.yaml, checked against `checkIDs`.
    static func chapterRubric(course: Course) throws -> Rubric {
        let chapter = try course.chapter(Self.chapter)
        return try Rubric.load(from: chapter.directory.appendingPathComponent("rubric.yaml"), knownChecks: Set(checkIDs))
    }

    /// The checks that say whether a side built and ran.
    static var sideRunChecks: Set<String> { Set(checkIDs.map(runCheck)) }

    /// `SubmissionGrader.grade`: staging, both sides, the result. Never throws: a grader fault
    /// becomes `graderFailure`.
    func gradeSubmission(_ submission: URL) async -> GradeResult {
        let started = ContinuousClock.now
        let seed = self.seed ?? SeededGenerator.freshSeed()
        let name = submission.lastPathComponent
        let folder = scratch.appendingPathComponent("grade-\(UUID().uuidString.prefix(8))")
        defer { if !keepScratch { try? FileManager.default.removeItem(at: folder) } }
        do {
            let chapter = try course.chapter(Self.chapter)
            let manifest = try AssignmentManifest.load(chapter)
            let staged: StagedSubmission
            do {
                staged = try await SubmissionIntake(course: course, manifest: manifest, chapter: chapter, sandbox: Self.sandbox)
                    .stage(submission, into: folder)
            } catch let error as SubmissionError {
                // Nothing to build: the submission itself is unusable. It scores nothing; the grader did not fail.
                let judgements = Self.checkIDs.map { id in
                    Self.sideRunChecks.contains(id)
                        ? Judgement.failed(id, observed: "the submission cannot be staged: \(error)", expected: "a folder, .zip or .tar.gz holding the assignment's editable files")
                        : Judgement.notRun(id, needs: Self.runCheck(for: id))
                }
                return result(name, seed: seed, verdict: .buildError, started: started, ignored: [], judgements: judgements)
            }
            let sides = try SideTrees.make(staged: staged.tree, reference: course, editable: manifest.editable, in: folder)
            let (judgements, verdict) = try await run(sides, chapter: chapter, seed: seed)
            return result(name, seed: seed, verdict: verdict, started: started,
                          ignored: staged.ignored + staged.refused.map { "\($0) (refused)" }, judgements: judgements)
        } catch {
            return GradeResult(submission: name, graderVersion: Self.version, seed: seed, verdict: .fail,
                               duration: ContinuousClock.now - started, checks: [], rounding: rubric.rounding,
                               graderFailure: "\(error)")
        }
    }

    func result(_ name: String, seed: UInt64, verdict: GradeVerdict, started: ContinuousClock.Instant,
                ignored: [String], judgements: [Judgement]) -> GradeResult {
        let byID = Dictionary(judgements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let checks = Self.checkIDs.map { id -> CheckResult in
            let judgement = byID[id] ?? .notRun(id, needs: Self.runCheck(for: id))
            let description = Self.describe(id)
            return CheckResult(
                id: id, title: description?.title ?? id, status: judgement.status,
                observed: judgement.observed, expected: judgement.expected ?? description?.expected,
                section: description?.section, message: judgement.message,
                pointsPossible: rubric.points(for: id) ?? .zero)
        }
        return GradeResult(submission: name, graderVersion: Self.version, seed: seed, verdict: verdict,
                           duration: ContinuousClock.now - started, ignoredFiles: ignored, checks: checks, rounding: rubric.rounding)
    }
}
