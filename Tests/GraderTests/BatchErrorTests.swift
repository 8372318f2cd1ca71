// What stops a batch before it grades anything, each with a precise error, and nothing graded
// or overwritten (docs/grading.md, "Grading a class locally").
import Foundation
@testable import Grader
import Grading
import Testing

@Suite("Batch errors")
struct BatchErrorTests {
    func run(_ names: [URL], output: URL, resume: Bool = false, jobs: Int = 2) async throws -> (BatchSummary?, CannedGrader) {
        let grader = CannedGrader()
        let batch = BatchGrader(grader: grader, rubric: BatchFixture.rubric, output: output, formats: [.text], jobs: jobs, resume: resume)
        return (try await batch.run(names), grader)
    }

    func expectError(_ expected: BatchError, names: [URL], output: URL, resume: Bool = false, jobs: Int = 2,
                     _ rule: Comment, sourceLocation: SourceLocation = #_sourceLocation) async {
        let grader = CannedGrader()
        let batch = BatchGrader(grader: grader, rubric: BatchFixture.rubric, output: output, formats: [.text], jobs: jobs, resume: resume)
        do {
            _ = try await batch.run(names)
            Issue.record("expected \(expected): \(rule)", sourceLocation: sourceLocation)
        } catch {
            #expect(error as? BatchError == expected, rule, sourceLocation: sourceLocation)
        }
        #expect(await grader.log.calls.isEmpty, "nothing is graded when the batch cannot start", sourceLocation: sourceLocation)
    }

    @Test("two submissions with one name: both paths named")
    func duplicateNames() async {
        let output = BatchFixture.temporaryFolder()
        let names = [URL(fileURLWithPath: "/a/alice"), URL(fileURLWithPath: "/a/bob"), URL(fileURLWithPath: "/b/alice.zip")]
        await expectError(.duplicateSubmission(name: "alice", paths: ["/a/alice", "/b/alice.zip"]), names: names, output: output,
                          "the gradebook keys rows by name, so names must be unique")
        #expect(BatchError.duplicateSubmission(name: "alice", paths: ["/a/alice", "/b/alice.zip"]).description
                    == "two submissions are both named \"alice\": /a/alice and /b/alice.zip; the gradebook has one row per name, so rename one")
    }

    @Test("an output that is a file, a folder that cannot be written, a file in the way")
    func outputFolder() async throws {
        let root = BatchFixture.temporaryFolder()
        let file = root.appendingPathComponent("grades")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        let subs = BatchFixture.submissions(["a"])
        await expectError(.outputIsFile(file.path), names: subs, output: file, "the output must be a folder")
        await expectError(.outputUnwritable(file.path + "/out", reason: "\(file.path) is a file, so no folder can be made inside it"),
                          names: subs, output: file.appendingPathComponent("out"), "a file on the way to the output")
        // Root may write anywhere the permission bits forbid; /proc refuses even root.
        await expectError(.outputUnwritable("/proc/self", reason: String(cString: strerror(ENOENT))),
                          names: subs, output: URL(fileURLWithPath: "/proc/self"), resume: true,
                          "a folder the batch cannot write in is found before grading, by writing in it")
        #expect(try String(contentsOf: file, encoding: .utf8) == "x", "the file in the way is untouched")
    }

    @Test("an output folder with files in it needs --resume; nothing in it is overwritten")
    func notEmpty() async throws {
        let output = BatchFixture.temporaryFolder()
        try "mine".write(to: output.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        await expectError(.outputNotEmpty(output.path), names: BatchFixture.submissions(["a"]), output: output,
                          "without --resume the output folder must be new or empty")
        #expect(try String(contentsOf: output.appendingPathComponent("a.txt"), encoding: .utf8) == "mine")
    }

    @Test("a submission that does not exist, or is a file but no archive")
    func missingSubmission() async throws {
        let output = BatchFixture.temporaryFolder()
        let real = BatchFixture.submissions(["a"])
        let missing = real[0].deletingLastPathComponent().appendingPathComponent("typo")
        await expectError(.submissionMissing(missing.path), names: real + [missing], output: output,
                          "a mistyped path is an error before grading, not a row")
        let notes = real[0].deletingLastPathComponent().appendingPathComponent("notes.txt")
        _ = FileManager.default.createFile(atPath: notes.path, contents: Data("x".utf8))
        await expectError(.notASubmission(notes.path), names: real + [notes], output: output,
                          "a submission is a folder, a .zip or a .tar.gz")
    }

    @Test("a second batch on an output folder in use is refused")
    func outputInUse() async throws {
        let output = BatchFixture.temporaryFolder()
        let held = open(output.appendingPathComponent(".gradebook.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        await expectError(.outputInUse(output.path), names: BatchFixture.submissions(["a"]), output: output, resume: true,
                          "two batches writing one gradebook would lose rows")
        flock(held, LOCK_UN)
        close(held)
        let (summary, _) = try await run(BatchFixture.submissions(["a"]), output: output, resume: true)
        #expect(summary?.rows.count == 1, "once the other batch is gone, the folder is free")
    }

    @Test("no submissions, or fewer than one job")
    func emptyAndJobs() async {
        let output = BatchFixture.temporaryFolder()
        await expectError(.noSubmissions, names: [], output: output, "a batch needs submissions")
        await expectError(.badJobs(0), names: BatchFixture.submissions(["a"]), output: output, jobs: 0, "--jobs is at least 1")
        await expectError(.submissionHasNoName("/"), names: [URL(fileURLWithPath: "/")], output: output, "a submission needs a name")
    }

    @Test("resuming a gradebook of another rubric, with a torn or doubled row: the file and line")
    func badGradebook() async throws {
        let header = (GradebookRow.fixedColumns + BatchFixture.checkIDs).joined(separator: ",")
        let row = { (name: String) in "\(name),pass,2.58,2.58,31/12,31/12,1,,0.33,2.00,0.25" }
        let subs = BatchFixture.submissions(["a"])

        let other = BatchFixture.temporaryFolder()
        let otherHeader = (GradebookRow.fixedColumns + BatchFixture.checkIDs.reversed()).joined(separator: ",")
        try (otherHeader + "\n").write(to: other.appendingPathComponent("gradebook.csv"), atomically: true, encoding: .utf8)
        await expectError(.gradebookColumnsDiffer(other.path + "/gradebook.csv", expected: GradebookRow.fixedColumns + BatchFixture.checkIDs,
                                                  found: GradebookRow.fixedColumns + BatchFixture.checkIDs.reversed()),
                          names: subs, output: other, resume: true, "a gradebook's columns are its rubric's checks, in order")

        let torn = BatchFixture.temporaryFolder()
        try [header, row("x"), "y,pass,2.58"].joined(separator: "\n").write(to: torn.appendingPathComponent("gradebook.csv"), atomically: true, encoding: .utf8)
        await expectError(.gradebookMalformed(torn.path + "/gradebook.csv", line: 3, problem: "3 cells where the header has 11"),
                          names: subs, output: torn, resume: true, "a row with the wrong number of cells, at its line")

        let doubled = BatchFixture.temporaryFolder()
        try [header, row("x"), row("z"), row("x"), ""].joined(separator: "\n").write(to: doubled.appendingPathComponent("gradebook.csv"), atomically: true, encoding: .utf8)
        await expectError(.gradebookDuplicateRow(doubled.path + "/gradebook.csv", name: "x", line: 4, firstLine: 2),
                          names: subs, output: doubled, resume: true, "a submission with two rows, both lines named")
    }
}
