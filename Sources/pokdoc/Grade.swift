import ArgumentParser
import Foundation
import Grader
import Grading
import PokdocKit

extension ReportFormat: ExpressibleByArgument {}

struct Grade: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade assignment submissions (folders, .zip or .tar.gz) in QEMU, observed through its gdb stub.",
        discussion: """
        --chapter 4 (the default) grades Chapter 4's hypercall gate; --chapter 5 Chapter 5's \
        xen_version and TIME_RDHTSC_HCALL.

        One submission: the report goes to standard output (or --output FILE); the exit status is 0 \
        at full marks, 1 below, 2 when the grader itself failed.

        Several submissions, or --jobs: a batch into --output DIR, one report per submission per \
        --format and gradebook.csv, appended as each finishes; --resume continues a batch.

        --gradescope-bundle DIR writes Gradescope's setup.sh and run_autograder instead.

        See docs/grading.md.
        """)

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "The assignment's chapter: 4 (the hypercall gate) or 5 (xen_version and TIME_RDHTSC_HCALL).")
    var chapter: Int = HypercallGrader.chapter
    @Argument(help: "Submissions: folders, .zip or .tar.gz files.") var submissions: [String] = []
    @Option(help: "Report format: text, json, junit or gradescope (repeat for a batch; default: text, or json and text for a batch).")
    var format: [ReportFormat] = []
    @Option(help: "One submission: the report file (default: standard output). A batch: the folder for reports and gradebook.csv.")
    var output: String?
    @Option(help: "The run's seed (reproduces a grade; default: a fresh one per submission, shown in the report).") var seed: UInt64?
    @Option(help: "The rubric (default: the chapter's rubric.yaml).") var rubric: String?
    @Option(help: "Grade this many submissions at a time, \(OptionRange.words(OptionRange.jobs)) (makes it a batch).") var jobs: Int?
    @Flag(help: "Continue the batch in --output: submissions already in its gradebook are not graded again.") var resume = false
    @Option(help: "Write a Gradescope autograder bundle (setup.sh, run_autograder) into this folder.") var gradescopeBundle: String?
    @Flag(help: "Keep each submission's scratch folder (for debugging the grader).") var keepScratch = false

    var isBatch: Bool { submissions.count > 1 || jobs != nil || resume }

    /// The chapters that have a grader.
    static let gradedChapters = [HypercallGrader.chapter, HypervisorGrader.chapter]

    func validate() throws {
        guard Self.gradedChapters.contains(chapter) else {
            throw ValidationError("no grader for chapter \(chapter): --chapter takes \(Self.gradedChapters.map(String.init).joined(separator: " or "))")
        }
        if let jobs { try OptionRange.check(jobs, in: OptionRange.jobs, option: "jobs") }
        if gradescopeBundle != nil {
            guard submissions.isEmpty else { throw ValidationError("--gradescope-bundle writes a bundle; it grades nothing: give no submissions") }
            return
        }
        guard !submissions.isEmpty else { throw ValidationError("give at least one submission (a folder, .zip or .tar.gz), or --gradescope-bundle DIR") }
        if isBatch {
            guard output != nil else { throw ValidationError("a batch (several submissions, --jobs or --resume) needs --output DIR for its reports and gradebook") }
        } else if format.count > 1 {
            throw ValidationError("one submission gets one report: give --format once (a batch takes several)")
        }
    }

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        if let gradescopeBundle {
            let folder = try GradescopeBundle.write(to: URL(fileURLWithPath: gradescopeBundle), course: course, chapter: chapter)
            print("wrote the Gradescope autograder in \(folder.path): zip its contents (cd \(folder.path) && zip -r ../autograder.zip .) and upload the zip (docs/grading.md, \"On Gradescope\")")
            return
        }
        guard await PackageInstaller().installMissing().isReady else { throw ExitCode(2) }
        let rubric: Rubric
        do {
            rubric = try loadRubric(course)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-grade-\(UUID().uuidString.prefix(8))")
        defer { if !keepScratch { try? FileManager.default.removeItem(at: scratch) } }
        let grader = makeGrader(course: course, rubric: rubric, scratch: scratch)
        let urls = submissions.map { URL(fileURLWithPath: $0) }

        if isBatch {
            let batch = BatchGrader(grader: grader, rubric: rubric, output: URL(fileURLWithPath: output!),
                                    formats: format.isEmpty ? [.json, .text] : format, jobs: jobs ?? 1, resume: resume)
            let progress = BatchProgressDisplay.reporter(isTerminal: isatty(STDERR_FILENO) == 1) { text in
                FileHandle.standardError.write(Data(text.utf8))
            }
            let summary = try await batch.run(urls, progress: progress)
            print("gradebook: \(summary.gradebook) (\(summary.graded.count) graded, \(summary.skipped.count) already there)")
            // A grade below full marks is a grade; only a submission the grader failed on fails the batch.
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
            return
        }
        let result = await grader.grade(urls[0])
        let chosen = format.first ?? .text
        let text = chosen.render(result, colour: output == nil && chosen == .text && isatty(STDOUT_FILENO) == 1)
        if let output {
            try text.write(to: URL(fileURLWithPath: output), atomically: true, encoding: .utf8)
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        if let failure = result.graderFailure { printError("the grader failed: \(failure)") }
        let code = result.score.exitCode
        if code != 0 { throw ExitCode(code) }
    }

    func makeGrader(course: Course, rubric: Rubric, scratch: URL) -> any SubmissionGrader {
        if chapter == HypervisorGrader.chapter {
            var grader = HypervisorGrader(course: course, rubric: rubric, seed: seed, scratch: scratch)
            grader.keepScratch = keepScratch
            return grader
        }
        var grader = HypercallGrader(course: course, rubric: rubric, seed: seed, scratch: scratch)
        grader.keepScratch = keepScratch
        return grader
    }

    func loadRubric(_ course: Course) throws -> Rubric {
        let chapter5 = chapter == HypervisorGrader.chapter
        if let rubric {
            return try Rubric.load(from: URL(fileURLWithPath: rubric),
                                   knownChecks: Set(chapter5 ? HypervisorGrader.checkIDs : HypercallGrader.checkIDs))
        }
        return try chapter5 ? HypervisorGrader.defaultRubric(course: course) : HypercallGrader.defaultRubric(course: course)
    }
}
