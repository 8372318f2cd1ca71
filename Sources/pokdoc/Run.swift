import ArgumentParser
import Foundation
import PokdocKit

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a chapter's kernel, boot it under QEMU, stream its serial transcript and print a verdict.")

    @OptionGroup var courseOptions: CourseOptions
    @Argument(help: "The chapter number.") var chapter: Int
    @Option(help: "x86-qemu or x86-qemu-vmm (default: the chapter's).") var bsp: BoardSupportPackage?
    @Option(help: "Run one of the chapter's QEMU scenarios and check its expectations.") var scenario: String?
    @Flag(help: "With --scenario: save the transcript as the chapter's recorded one.") var record = false
    @Option(help: "End the run after this many timer ticks, \(OptionRange.words(OptionRange.ticks)) (default: the chapter's).") var ticks: Int?
    @Option(help: "Wall-clock backstop in seconds, \(OptionRange.words(OptionRange.timeoutSeconds)).") var timeout: Double = 30
    @Flag(help: "Start QEMU halted with a gdb stub and print the gdb command.") var gdb = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
        if let ticks { try OptionRange.check(ticks, in: OptionRange.ticks, option: "ticks") }
        try OptionRange.check(timeout, in: OptionRange.timeoutSeconds, option: "timeout", unit: "seconds")
    }

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        // The README's first command does the set-up: QEMU and GMP are installed if missing.
        guard await PackageInstaller().installMissing().isReady else { throw ExitCode.failure }
        let chapter = try course.chapter(self.chapter)
        var options = QEMURunOptions()
        options.timeout = .milliseconds(Int(timeout * 1000))
        options.gdb = gdb
        let echo: @Sendable (SerialLine) -> Void = { line in if !json { print(line.display) } }

        if let name = scenario {
            var scenario = try chapter.scenario(named: name)
            if let ticks { scenario.ticks = ticks }
            let outcome = await ScenarioRunner(course: course, options: options)
                .run(scenario, of: chapter, bsp: bsp, recordTranscript: record, onLine: echo)
            if record, outcome.run != nil, scenario.transcript == true, scenario.transcriptFile == nil {
                print("recorded \(chapter.transcriptsDirectory.appendingPathComponent("\(name).txt").path)")
            }
            try report(outcome)
            return
        }

        let configuration = try BuildConfiguration(chapter: chapter, bsp: bsp)
        let image: KernelImage
        do {
            image = try await BareMetalBuild(course: course).build(configuration)
        } catch let failure as BuildFailure {
            printError("verdict: build-error\n\(failure)")
            throw ExitCode.failure
        }
        options.kernelArguments = ["ticks=\(ticks ?? chapter.tickBudget)"]
        options.extraArguments += configuration.qemuArguments
        if !json { print("booting \(image.elf.path) (\(configuration.bsp))") }
        let result = try await QEMURunner(options: options).run(
            image: image.elf.path,
            onStart: { start in
                if let command = start.gdbCommand { print("QEMU is halted, waiting for gdb. In another terminal:\n  \(command)") }
            },
            onLine: echo)
        let verdict = RunVerdict.plainRun(result)
        if json {
            print(String(decoding: try JSONEncoder.pretty.encode(PlainRunReport(verdict: verdict, run: result)), as: UTF8.self))
        } else {
            for fault in result.faults { print("fault: \(FaultExplainer.explain(fault))") }
            print(verdict.line)
        }
        if !verdict.isSuccess { throw ExitCode.failure }
    }

    func report(_ outcome: ScenarioOutcome) throws {
        if json {
            print(String(decoding: try JSONEncoder.pretty.encode(outcome), as: UTF8.self))
        } else {
            for line in outcome.unquotedFaultExplanations { print("fault: \(line)") }
            print(RunVerdict.scenario(outcome).line)
            for problem in outcome.problems { print("  - \(problem)") }
        }
        if !outcome.passed { throw ExitCode.failure }
    }
}

/// `pokdoc run N --json`: the run's verdict first, QEMU's whole result as detail.
struct PlainRunReport: Encodable {
    var verdict: RunVerdict
    var run: QEMURunResult
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}
