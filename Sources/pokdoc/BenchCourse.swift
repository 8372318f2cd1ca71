import ArgumentParser
import CourseSite
import Foundation
import PokdocKit

/// `pokdoc bench render`: every chapter rendered (no QEMU runs), cold then warm, against the
/// issue's target of 2 s warm.
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Time pokdoc render over every chapter: the first render and the median of warm ones, against 2 s.")

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "Warm renders, \(OptionRange.words(OptionRange.benchRuns)).") var runs = 5

    static let target = 2.0

    func validate() throws { try OptionRange.check(runs, in: OptionRange.benchRuns, option: "runs") }

    func run() throws {
        let course = try courseOptions.locate()
        let folder = course.buildDirectory.appendingPathComponent("bench/site")
        let renderer = SiteRenderer(course: course)
        let clock = ContinuousClock()
        var pages = 0
        let first = try clock.measure { pages = try renderer.render(to: folder).pages.count }.inSeconds
        var warm: [Double] = []
        for _ in 0..<runs { warm.append(try clock.measure { _ = try renderer.render(to: folder) }.inSeconds) }
        let median = warm.sorted()[warm.count / 2]
        print("render: \(pages) pages; first \(String(format: "%.3f", first)) s, warm median \(String(format: "%.3f", median)) s over \(runs)")
        print("ratio to the \(Self.target) s target: \(String(format: "%.3f", median / Self.target)) (≤ 1 meets it)")
    }
}

/// `pokdoc bench check`: `pokdoc check` with every transcript re-run under QEMU, against 60 s.
struct CheckBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Time pokdoc check with every transcript re-run under QEMU, against 60 s.")

    @OptionGroup var courseOptions: CourseOptions

    static let target = 60.0

    func run() async throws {
        InterruptGuard.install()
        guard await PackageInstaller().installMissing().isReady else { throw ExitCode.failure }
        let course = try courseOptions.locate()
        let clock = ContinuousClock()
        var report = CheckReport()
        let elapsed = try await clock.measure { report = try await CourseCheck(course: course).run(transcripts: true) }.inSeconds
        print("check: \(report.summary) in \(String(format: "%.1f", elapsed)) s (transcripts re-run)")
        print("ratio to the \(Self.target) s target: \(String(format: "%.3f", elapsed / Self.target)) (≤ 1 meets it)")
        if !report.failures.isEmpty { throw ExitCode.failure }
    }
}
