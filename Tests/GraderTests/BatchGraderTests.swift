// BatchGrader: a class graded jobs at a time into reports and a gradebook, resumable, never
// stopped by one bad submission (docs/grading.md, "Grading a class locally", "The gradebook").
import Foundation
@testable import Grader
import Grading
import Testing

@Suite("BatchGrader")
struct BatchGraderTests {
    let names = ["full-ann", "bob", "full-cy", "dee", "eve", "full-fay"]

    func batch(_ grader: any SubmissionGrader, output: URL, jobs: Int = 2, resume: Bool = false,
               formats: [ReportFormat] = ReportFormat.allCases) -> BatchGrader {
        BatchGrader(grader: grader, rubric: BatchFixture.rubric, output: output, formats: formats, jobs: jobs, resume: resume)
    }

    @Test("every submission gets one row, in the rubric's column order, and one report per format")
    func gradesEverySubmission() async throws {
        let output = BatchFixture.temporaryFolder().appendingPathComponent("out")  // created by the batch
        let grader = CannedGrader()
        let summary = try await batch(grader, output: output).run(BatchFixture.submissions(names))

        let lines = try BatchFixture.gradebookRows(output)
        #expect(lines.first == GradebookRow.fixedColumns + BatchFixture.checkIDs,
                "the gradebook's header: the fixed columns, then the checks in the rubric's order (docs/grading.md, \"The gradebook\")")
        #expect(lines.dropFirst().compactMap(\.first).sorted() == names.sorted(), "one row per submission, named without .zip/.tar.gz")
        let bob = try #require(lines.first { $0.first == "bob" })
        #expect(bob == ["bob", "fail", "0.33", "2.58", "1/3", "31/12", "3", "", "0.33", "0.00", "0.00"],
                "bob's row: verdict, score rounded and exact of the rubric maximum, seed, no error, each check's points")
        #expect(summary.graded.sorted() == names.sorted() && summary.skipped.isEmpty)
        #expect(summary.exitCode == 0, "every submission graded: exit 0, though some are below full marks")
        let calls = await grader.log.calls
        #expect(calls.sorted() == names.sorted(), "each submission graded once")

        for name in names {
            for format in ReportFormat.allCases {
                let file = output.appendingPathComponent(name + format.fileSuffix)
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(text == format.render(BatchFixture.result(for: name)), "\(file.lastPathComponent) is the \(format) report")
            }
        }
    }

    @Test("a grader failure is a row saying so, and the batch goes on")
    func graderFailureIsARow() async throws {
        let output = BatchFixture.temporaryFolder()
        let subs = BatchFixture.submissions(["full-a", "broken-b", "full-c"])
        let summary = try await batch(CannedGrader(), output: output, jobs: 1).run(subs)
        let rows = summary.rows
        #expect(rows.map(\.submission) == ["full-a", "broken-b", "full-c"], "the batch went on after broken-b")
        let broken = try #require(rows.first { $0.submission == "broken-b" })
        #expect(broken.verdict == "grader-failure" && broken.score == "" && broken.error == "QEMU could not start: no such file",
                "the row says the grader failed and why (on one line), and gives no score")
        #expect(summary.exitCode == 2, "a grader failure anywhere: exit 2")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("broken-b.txt").path),
                "the failed submission still has its reports")
    }

    @Test("no more than jobs submissions are graded at once, and that many are")
    func boundedParallelism() async throws {
        let subs = BatchFixture.submissions((0..<9).map { "s\($0)" })
        for jobs in [1, 3] {
            let grader = CrowdGrader(jobs: jobs, total: subs.count)
            _ = try await batch(grader, output: BatchFixture.temporaryFolder(), jobs: jobs, formats: []).run(subs)
            let (most, calls) = (await grader.log.maxInFlight, await grader.log.calls)
            #expect(most == jobs, "--jobs \(jobs) grades exactly \(jobs) at a time")
            #expect(calls.count == subs.count)
        }
    }

    @Test("a batch interrupted half-way, then resumed, has every submission exactly once and regrades none")
    func interruptedThenResumed() async throws {
        let output = BatchFixture.temporaryFolder()
        let subs = BatchFixture.submissions((0..<8).map { "full-\($0)" })
        let stalling = StallingGrader(quick: 3)
        let first = batch(stalling, output: output)
        let handle = TaskHandle()
        let task = Task {
            try await first.run(subs) { event in
                if case .finished(done: 3, _, _) = event { handle.cancel() }
            }
        }
        handle.set(task)
        await #expect(throws: CancellationError.self, "an interrupted batch says so") { try await task.value }
        let kept = try Gradebook.parse(
            try String(contentsOf: output.appendingPathComponent("gradebook.csv"), encoding: .utf8), path: "gradebook.csv",
            header: GradebookRow.fixedColumns + BatchFixture.checkIDs, checkIDs: BatchFixture.checkIDs)
        #expect(kept.count == 3, "the three finished before the interruption kept their rows")
        #expect(kept.allSatisfy { !$0.isGraderFailure }, "a grade cut short by the interruption is not recorded")

        let second = CannedGrader()
        let summary = try await batch(second, output: output, resume: true).run(subs)
        let regraded = Set(await second.log.calls)
        #expect(regraded.isDisjoint(with: kept.map(\.submission)), "--resume grades none that had a row")
        #expect(summary.rows.map(\.submission).sorted() == subs.map { SubmissionName.of($0)! }.sorted(),
                "each submission exactly once in the gradebook")
        #expect(summary.skipped.sorted() == kept.map(\.submission).sorted())
        #expect(summary.exitCode == 0)
        #expect(try BatchFixture.gradebookRows(output).count == 1 + subs.count, "the file too: header and one line per submission")
    }

    @Test("resume keeps rows of submissions not named this time, and a missing gradebook is a new one")
    func resumeKeepsOtherRows() async throws {
        let output = BatchFixture.temporaryFolder()
        _ = try await batch(CannedGrader(), output: output, resume: true).run(BatchFixture.submissions(["a", "b"]))
        let summary = try await batch(CannedGrader(), output: output, resume: true).run(BatchFixture.submissions(["c"]))
        #expect(summary.rows.map(\.submission) == ["a", "b", "c"] || summary.rows.map(\.submission) == ["b", "a", "c"])
    }
}

/// Lets a progress callback cancel the task it reports from.
final class TaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: Task<BatchSummary, Error>?
    private var cancelled = false

    func set(_ task: Task<BatchSummary, Error>) {
        lock.withLock {
            self.task = task
            if cancelled { task.cancel() }
        }
    }

    func cancel() {
        lock.withLock {
            cancelled = true
            task?.cancel()
        }
    }
}
