import Foundation

/// The result of one QEMU scenario: whether its expectations held and, when not, every reason.
/// What the user reads is `RunVerdict.scenario(_:)`: the scenario's verdict, QEMU's as detail.
public struct ScenarioOutcome: Codable, Sendable {
    public var chapter: Int
    public var scenario: String
    public var bsp: BoardSupportPackage
    /// Every expectation held: the scenario's verdict.
    public var passed: Bool
    /// QEMU's runner verdict (`build-error` when the image did not build), one of the
    /// expectations; detail, not what the user reads.
    public var runnerVerdict: Verdict
    public var problems: [String]
    /// One sentence per fault the kernel reported.
    public var faultExplanations: [String]
    public var run: QEMURunResult?
    /// The image that ran (for inspecting its symbols).
    public var image: String?

    /// The fault explanations no problem already quotes (a probe's problems quote the fault that
    /// stopped it), for printing each once.
    public var unquotedFaultExplanations: [String] {
        faultExplanations.filter { line in !problems.contains { $0.contains(line) } }
    }
}

/// Builds a scenario's kernel, boots it, and checks the transcript against the chapter's
/// expectations.
public struct ScenarioRunner: Sendable {
    public let course: Course
    public var options: QEMURunOptions
    public var toolchain: Toolchain
    /// Where the build's tools run (a submission's tree); QEMU's own sandbox is `options.sandbox`.
    public var sandbox: Sandbox?
    /// A pristine course whose stages the build reuses where they are the same (BareMetalBuild).
    public var reference: Course?

    public init(course: Course, options: QEMURunOptions = QEMURunOptions(), toolchain: Toolchain = .locate(),
                sandbox: Sandbox? = nil, reference: Course? = nil) {
        self.course = course
        self.options = options
        self.toolchain = toolchain
        self.sandbox = sandbox
        self.reference = reference
    }

    public func run(
        _ scenario: Scenario, of chapter: Chapter, bsp: BoardSupportPackage? = nil,
        recordTranscript: Bool = false,
        onLine: (@Sendable (SerialLine) -> Void)? = nil
    ) async -> ScenarioOutcome {
        let board = scenario.bsp ?? bsp ?? chapter.frontMatter.bsp
        var outcome = ScenarioOutcome(
            chapter: chapter.number, scenario: scenario.name, bsp: board, passed: false,
            runnerVerdict: .buildError, problems: [], faultExplanations: [], run: nil, image: nil)
        let image: KernelImage
        let configuration: BuildConfiguration
        do {
            configuration = try BuildConfiguration(chapter: chapter, bsp: board, scenario: scenario)
            image = try await BareMetalBuild(course: course, toolchain: toolchain, sandbox: sandbox, reference: reference).build(configuration)
        } catch {
            outcome.problems = ["build-error: \(error)"]
            return outcome
        }
        outcome.image = image.elf.path
        var options = self.options
        options.kernelArguments = ["ticks=\(scenario.ticks ?? chapter.tickBudget)"] + (scenario.arguments ?? [])
        options.extraArguments += configuration.qemuArguments
        let result: QEMURunResult
        do {
            result = try await QEMURunner(options: options).run(image: image.elf.path, onLine: onLine)
        } catch {
            outcome.runnerVerdict = .noBoot
            outcome.problems = ["QEMU could not run: \(error)"]
            return outcome
        }
        outcome.run = result
        if recordTranscript, scenario.transcript == true, scenario.transcriptFile == nil {
            do {
                try FileManager.default.createDirectory(at: chapter.transcriptsDirectory, withIntermediateDirectories: true)
                try Self.transcriptText(result).write(
                    to: chapter.transcriptsDirectory.appendingPathComponent("\(scenario.name).txt"), atomically: true, encoding: .utf8)
            } catch {
                outcome.problems = ["could not record the transcript: \(error)"]
                return outcome
            }
        }
        outcome.runnerVerdict = result.verdict
        outcome.faultExplanations = result.faults.map(FaultExplainer.explain)
        outcome.problems = check(result, against: scenario, chapter: chapter)
        outcome.passed = outcome.problems.isEmpty
        return outcome
    }

    /// Every way `result` differs from what the scenario expects.
    public func check(_ result: QEMURunResult, against scenario: Scenario, chapter: Chapter) -> [String] {
        var problems: [String] = []
        // A probe's checks say what went wrong, once each; the verdict, the end status, the
        // expected lines and the transcript would only repeat it, so they are judged when every
        // check passed.
        var checkProblems: [String] = []
        if let declared = scenario.checks {
            let stopReason = result.faults.map(FaultExplainer.explain).first
                ?? "the kernel ended with '\(result.endStatus ?? "no POK END line")', verdict \(result.verdict.rawValue)"
            checkProblems = ProbeChecks(declared: declared, transcript: result.transcript).problems(stopReason: stopReason)
        }
        if !checkProblems.isEmpty {
            return checkProblems + (scenario.section.map { ["see Chapter \(chapter.number), '\($0)'"] } ?? [])
        }
        let expectedVerdict = scenario.verdict ?? Verdict.pass.rawValue
        if result.verdict.rawValue != expectedVerdict {
            problems.append("verdict \(result.verdict.rawValue), expected \(expectedVerdict): \(result.explanation)")
        }
        if let end = scenario.end, result.endStatus != end {
            problems.append("the kernel ended with '\(result.endStatus ?? "no POK END line")', expected '\(end)'")
        }
        if let fault = Self.unexpectedFault(in: result, scenario: scenario) {
            problems.append("the partition faulted and the scenario does not expect it (no `end: partition-fault`, "
                + "no `expect` pattern for the fault line): \(fault.summary)")
        }
        var remaining = result.transcript[...]
        for pattern in scenario.expect ?? [] {
            guard let regex = try? Regex(pattern) else { problems.append("bad pattern \(pattern)"); continue }
            if let index = remaining.firstIndex(where: { $0.firstMatch(of: regex) != nil }) {
                remaining = remaining[(index + 1)...]
            } else {
                problems.append("missing (in order) a line matching /\(pattern)/")
            }
        }
        for pattern in scenario.reject ?? [] {
            guard let regex = try? Regex(pattern) else { continue }
            if let line = result.transcript.first(where: { $0.firstMatch(of: regex) != nil }) {
                problems.append("unexpected line matching /\(pattern)/: \(line)")
            }
        }
        // The transcript is compared when everything else held: a missing line would only show
        // again as a difference.
        if problems.isEmpty, scenario.transcript == true {
            let file = scenario.transcriptFile.map { chapter.directory.appendingPathComponent($0).standardizedFileURL }
                ?? chapter.transcriptsDirectory.appendingPathComponent("\(scenario.name).txt")
            if let recorded = try? String(contentsOf: file, encoding: .utf8) {
                let recorded = Self.settingAside(scenario.aside ?? [], in: recorded)
                let actual = Self.settingAside(scenario.aside ?? [], in: Self.transcriptText(result))
                if recorded != actual {
                    problems.append("transcript differs from \(file.lastPathComponent) (record it anew with `pokdoc run \(chapter.number) --scenario \(scenario.name) --record` if the change is intended):\n" + Self.diff(recorded, actual))
                }
            } else {
                problems.append("no recorded transcript \(file.path); record it with `pokdoc run \(chapter.number) --scenario \(scenario.name) --record`")
            }
        }
        if !problems.isEmpty, let section = scenario.section {
            problems.append("see Chapter \(chapter.number), '\(section)'")
        }
        return problems
    }

    /// The first fault report the scenario does not expect (docs/ARCHITECTURE.md, "Verdicts"):
    /// a scenario expects faults only with `end: partition-fault`, or with an `expect` pattern
    /// that matches the fault's `POK FAULT` line.
    public static func unexpectedFault(in result: QEMURunResult, scenario: Scenario) -> FaultReport? {
        guard !result.faults.isEmpty, scenario.end != "partition-fault" else { return nil }
        let patterns = (scenario.expect ?? []).compactMap { try? Regex($0) }
        let faultLines = result.transcript.filter { $0.hasPrefix("POK FAULT <nonce> ") }
        for (index, fault) in result.faults.enumerated() {
            let line = index < faultLines.count ? faultLines[index] : ""
            if !patterns.contains(where: { line.firstMatch(of: $0) != nil }) { return fault }
        }
        return nil
    }

    /// `text` with every match of `patterns` removed, and lines that held nothing else dropped.
    static func settingAside(_ patterns: [String], in text: String) -> String {
        let regexes = patterns.compactMap { try? Regex($0) }
        guard !regexes.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            var kept = String(line)
            for regex in regexes { kept = kept.replacing(regex, with: "") }
            return kept.isEmpty && !line.isEmpty ? nil : kept
        }.joined(separator: "\n")
    }

    /// The transcript as chapters show it.
    public static func transcriptText(_ result: QEMURunResult) -> String {
        result.transcript.joined(separator: "\n") + "\n"
    }

    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : nil
            let right = index < b.count ? String(b[index]) : nil
            if left != right {
                if let left { lines.append("- \(left)") }
                if let right { lines.append("+ \(right)") }
            }
        }
        return lines.prefix(40).joined(separator: "\n")
    }
}
