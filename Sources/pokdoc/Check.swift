import ArgumentParser
import Foundation
import PokdocKit

/// `pokdoc check`: the CI gate that prose, code, transcripts and tests agree (CourseCheck).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the chapters' includes, anchors, links, front matter and shown transcripts agree with the code.",
        discussion: """
        Each failure is printed as FILE:LINE: [rule] message; the last line is "N passed, N failed". \\
        Exit 0 when nothing failed, 1 otherwise. Transcripts are re-run under QEMU unless --no-transcripts.
        """)

    @OptionGroup var courseOptions: CourseOptions
    @Option(name: .long, help: "Check only this chapter (repeat for several); the anchor rules always look at every chapter.")
    var chapter: [Int] = []
    @Flag(help: "Do not re-run the scenarios whose transcripts the chapters show (no QEMU).") var noTranscripts = false

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        // A chapter that does not load is reported by the check itself, at its file and line.
        let numbers = Set((try? course.chapters().map(\.number)) ?? chapter)
        for number in chapter where !numbers.contains(number) {
            throw ValidationError("--chapter \(number): the course has chapters \(numbers.sorted().map(String.init).joined(separator: ", "))")
        }
        if !noTranscripts {
            guard await PackageInstaller().installMissing().isReady else { throw ExitCode.failure }
        }
        let report = try await CourseCheck(course: course).run(transcripts: !noTranscripts, only: chapter.isEmpty ? nil : Set(chapter))
        for finding in report.failures { print(finding.description) }
        print(report.summary)
        if !report.failures.isEmpty { throw ExitCode.failure }
    }
}
