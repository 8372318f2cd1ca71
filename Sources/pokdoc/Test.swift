import ArgumentParser
import Foundation
import PokdocKit

struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a chapter's host tests (swift test) and its QEMU scenarios; one verdict per test.")

    @OptionGroup var courseOptions: CourseOptions
    @Argument(help: "The chapter number.") var chapter: Int
    @Option(help: "Run the QEMU scenarios for this BSP (default: each scenario's own).") var bsp: BoardSupportPackage?
    @Flag(help: "Skip the host tests (swift test); run only the QEMU scenarios.") var scenariosOnly = false

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        let chapter = try course.chapter(self.chapter)
        // Like `pokdoc run`: QEMU and GMP are installed if missing, or the command is printed.
        guard await PackageInstaller().installMissing().isReady else { throw ExitCode.failure }
        print("Chapter \(chapter.number) — \(chapter.title)")
        var passed = 0
        var failed = 0

        if !scenariosOnly {
            print("\nhost tests: swift test --filter \(chapter.testFilter) --skip Scenarios")
            let host = try await HostTestRun.run(chapter: chapter, course: course)
            if let note = host.note { print("  \(note)") }
            for test in host.tests {
                print("  \(test.passed ? "pass" : "FAIL")  \(test.name)")
                if !test.passed { for line in test.message.split(separator: "\n").prefix(8) { print("        \(line)") } }
            }
            if let problem = host.problem {
                print("  FAIL  swift test: \(problem)")
                failed += 1
            }
            passed += host.tests.filter(\.passed).count
            failed += host.tests.filter { !$0.passed }.count
        }

        if !chapter.scenarios.isEmpty {
            print("\nQEMU scenarios")
            let runner = ScenarioRunner(course: course)
            for scenario in chapter.scenarios {
                let outcome = await runner.run(scenario, of: chapter, bsp: bsp)
                print(RunVerdict.scenario(outcome).testLine(name: scenario.name, bsp: outcome.bsp, wallTime: outcome.run?.wallTime))
                if !outcome.passed {
                    for problem in outcome.problems { print("        \(problem.replacingOccurrences(of: "\n", with: "\n        "))") }
                    for line in outcome.unquotedFaultExplanations { print("        fault: \(line)") }
                }
                if outcome.passed { passed += 1 } else { failed += 1 }
            }
        }
        print("\n\(passed) passed, \(failed) failed")
        if failed > 0 || passed == 0 { throw ExitCode.failure }
    }
}
