import ArgumentParser
import Foundation
import PokdocKit

struct Starter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the student kit: the course with every assignment's solutions replaced by stubs that compile.")

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "Where to write the kit (a new or empty folder).") var out: String

    func run() async throws {
        let course = try courseOptions.locate()
        let report = try StarterKit(course: course).write(to: URL(fileURLWithPath: out))
        print("wrote the student kit to \(report.output.path)")
        print("  \(report.regions) solution regions stubbed in \(report.strippedFiles.count) files:")
        for file in report.strippedFiles { print("    \(file)") }
        print("next: cd \(report.output.path) && swift run pokdoc test 4")
    }
}
