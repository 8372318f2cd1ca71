import ArgumentParser
import Foundation
import PokdocKit

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks (ratios, not timed tests).",
        subcommands: [BootBench.self, GradeBench.self, RenderBench.self, CheckBench.self, HypercallsBench.self])
}

struct BootBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boot",
        abstract: "Median boot-to-verdict time of a chapter's kernel against a do-nothing Multiboot kernel, booted side by side.")

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "The chapter whose kernel is measured.") var chapter = 1
    @Option(help: "Boots of each kernel, \(OptionRange.words(OptionRange.benchRuns)).") var runs = 11
    @Option(help: "The chapter kernel's tick budget, \(OptionRange.words(OptionRange.ticks)) (1: boot, init, first tick, verdict).") var ticks = 1

    func validate() throws {
        try OptionRange.check(runs, in: OptionRange.benchRuns, option: "runs")
        try OptionRange.check(ticks, in: OptionRange.ticks, option: "ticks")
    }

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        let chapter = try course.chapter(self.chapter)
        let image = try await BareMetalBuild(course: course).build(BuildConfiguration(chapter: chapter))
        let baseline = course.buildDirectory.appendingPathComponent("bench/do-nothing.elf").path
        try FileManager.default.createDirectory(atPath: (baseline as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try await BootBenchmark.buildDoNothingKernel(packageRoot: course.root.path, output: baseline)
        var options = QEMURunOptions()
        options.kernelArguments = ["ticks=\(ticks)"]
        let result = try await BootBenchmark.compare(
            candidate: image.elf.path, baseline: baseline, runs: runs, runner: QEMURunner(options: options))
        print("chapter \(chapter.number) kernel: median \(format(result.candidateMedian)) s over \(runs) boots (verdicts: \(Set(result.candidateVerdicts.map(\.rawValue)).sorted().joined(separator: ",")))")
        print("do-nothing kernel: median \(format(result.baselineMedian)) s over \(runs) boots (verdicts: \(Set(result.baselineVerdicts.map(\.rawValue)).sorted().joined(separator: ",")))")
        print("ratio: \(String(format: "%.3f", result.ratio)) (target ≤ \(BootBenchmark.allowedRatio))")
        if !result.allPassed {
            printError("some boots did not pass; the timing is not meaningful")
            throw ExitCode.failure
        }
    }

    func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
}
