import ArgumentParser
import Foundation
import PokdocKit

struct HypercallsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hypercalls",
        abstract: "The round-trip cost of each of Chapter 5's mechanisms, in guest instructions (-icount) and wall time, as one table.")

    @OptionGroup var courseOptions: CourseOptions
    @Option(help: "Real-time runs of each mechanism, \(OptionRange.words(OptionRange.benchRuns)); the table shows the median.") var runs = 5
    @Option(help: "Also write the table to this file (the chapter's generated/hypercall-costs.md).") var output: String?

    func validate() throws {
        try OptionRange.check(runs, in: OptionRange.benchRuns, option: "runs")
    }

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        let measurements = try await HypercallBenchmark(course: course, runs: runs).measure { printError($0) }
        let table = HypercallBenchmark.markdown(measurements, runs: runs, machine: Self.machine())
        print(table, terminator: "")
        if let output {
            try table.write(toFile: output, atomically: true, encoding: .utf8)
            printError("wrote \(output)")
        }
    }

    /// "2 cores, QEMU 7.2 (TCG)"-style words for the table's note.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return "\(cores) core\(cores == 1 ? "" : "s"), QEMU's software emulation (TCG)"
    }
}
