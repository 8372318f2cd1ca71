import ArgumentParser
import Foundation
import Grader
import Grading
import PokdocKit

/// `pokdoc bench grade`: what grading costs (docs/grading.md, "How fast"). Timings are printed,
/// never asserted.
struct GradeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Time pokdoc grade: one submission cold and warm, beside pokdoc test 4 on it, and a batch's throughput.")

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "Submissions in the batch, drawn in turn from the mutant corpus, \(OptionRange.words(OptionRange.benchSubmissions)).") var submissions = 20
    @Option(help: "Submissions graded at a time in the batch, \(OptionRange.words(OptionRange.jobs)).") var jobs = 2
    @Flag(help: "Do not time pokdoc test 4 (it runs swift test).") var skipTest = false

    func validate() throws {
        try OptionRange.check(submissions, in: OptionRange.benchSubmissions, option: "submissions")
        try OptionRange.check(jobs, in: OptionRange.jobs, option: "jobs")
    }

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        guard await PackageInstaller().installMissing().isReady else { throw ExitCode.failure }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("pokdoc-bench-grade-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: work) }
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        let rubric = try HypercallGrader.defaultRubric(course: course)
        let manifest = try AssignmentManifest.load(try course.chapter(HypercallGrader.chapter))

        // Cold: a copy of the course with nothing built, so the reference's stages are built too.
        let cold = work.appendingPathComponent("cold-course")
        try fm.createDirectory(at: cold, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Chapters"] {
            try fm.copyItem(at: course.root.appendingPathComponent(item), to: cold.appendingPathComponent(item))
        }
        let coldGrader = HypercallGrader(course: Course(root: cold), rubric: rubric, seed: 1, scratch: work.appendingPathComponent("scratch"))
        let mutant = work.appendingPathComponent("trap-gate")
        try MutantCorpus.named("trap-gate")!.write(to: mutant, reference: course, editable: manifest.editable)

        let (coldSeconds, coldResult) = await timed { await coldGrader.grade(course.root) }
        let (warmSeconds, warmResult) = await timed { await coldGrader.grade(course.root) }
        let (mutantSeconds, mutantResult) = await timed { await coldGrader.grade(mutant) }
        print("one submission (the reference, graded like any other):")
        print("  cold  \(format(coldSeconds)) s  (nothing built yet; \(coldResult.verdict.rawValue), \(coldResult.score.earned.rounded(toPlaces: 2)))")
        print("  warm  \(format(warmSeconds)) s  (the reference's stages built once for the class; \(warmResult.verdict.rawValue))")
        print("  warm, a kernel mutant (trap-gate)  \(format(mutantSeconds)) s  (its kernel compiled for the VMM board, the rest the reference's; \(mutantResult.verdict.rawValue), \(mutantResult.score.earned.rounded(toPlaces: 2)))")
        print("  target: warm ≤ 5 s")

        if !skipTest {
            let (testSeconds, status) = try await timed { try await runPokdoc(["test", "4", "--course", course.root.path]) }
            print("pokdoc test 4 on the same course: \(format(testSeconds)) s (exit \(status)); warm grade / test 4 = \(String(format: "%.3f", warmSeconds / testSeconds))")
        }

        // The batch: the corpus in turn, `jobs` at a time, on the warm course.
        var paths: [URL] = []
        for index in 0..<submissions {
            let mutant = MutantCorpus.all[index % MutantCorpus.all.count]
            let folder = work.appendingPathComponent("class/\(String(format: "%03d", index))-\(mutant.name)")
            try mutant.write(to: folder, reference: course, editable: manifest.editable)
            paths.append(folder)
        }
        var batchGrader = coldGrader
        batchGrader.seed = nil
        let batch = BatchGrader(grader: batchGrader, rubric: rubric, output: work.appendingPathComponent("grades"),
                                formats: [.json], jobs: jobs, resume: false)
        let (batchSeconds, summary) = try await timed { try await batch.run(paths) }
        let perHundred = batchSeconds / Double(submissions) * 100
        print("batch: \(summary.graded.count) submissions, \(jobs) at a time, in \(format(batchSeconds)) s: \(format(batchSeconds / Double(submissions))) s each, \(String(format: "%.1f", Double(submissions) / batchSeconds * 60)) per minute")
        print("  100 submissions at this rate: \(format(perHundred)) s (target ≤ 300 s on 2 cores; ratio \(String(format: "%.2f", perHundred / 300)))")
    }

    func timed<T>(_ body: () async throws -> T) async rethrows -> (Double, T) {
        let start = ContinuousClock.now
        let value = try await body()
        return ((ContinuousClock.now - start).inSeconds, value)
    }

    /// This pokdoc, run as a child to its end; its output is passed through.
    func runPokdoc(_ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        return process.terminationStatus
    }

    func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}
