// The one verdict a user reads (docs/ARCHITECTURE.md, "Verdicts"). Two verdicts exist for every
// QEMU run: the runner's (what QEMU's exit and the protocol lines say, QEMURunner.judge) and the
// run's own (did the chapter's or scenario's expectations hold). The user sees the run's as the
// one word; QEMU's verdict and exit appear only as detail in parentheses. So a scenario that fails
// never prints "pass", and a run without in-guest tests never prints "0 passed, 0 failed".
//
// The fault rule: a `POK FAULT` report the run does not expect makes it fail, even though the
// kernel stopped the partition and QEMU exited with the pass code. A plain `pokdoc run N`
// expects no fault; a scenario expects one only with `end: partition-fault` or an `expect`
// pattern that matches the fault's line (ScenarioRunner.check).

/// What `pokdoc run` prints last and what `pokdoc test` prints for each scenario.
public struct RunVerdict: Sendable, Equatable, Codable {
    /// The word the user sees: the run's verdict, not QEMU's.
    public var verdict: Verdict
    /// Why, in a sentence or two.
    public var reason: String
    /// QEMU's side, e.g. "QEMU: exit pass code, 2 faults"; nil when QEMU did not run.
    public var qemu: String?

    public init(verdict: Verdict, reason: String, qemu: String?) {
        self.verdict = verdict
        self.reason = reason
        self.qemu = qemu
    }

    public var isSuccess: Bool { verdict.isSuccess }

    /// `pokdoc run N` without a scenario: the runner's verdict, except that a `pass` with a
    /// fault report is a `fail` (a plain run expects no fault).
    public static func plainRun(_ result: QEMURunResult) -> RunVerdict {
        let qemu = qemuDetail(result)
        if result.verdict == .pass, let fault = result.faults.first {
            let more = result.faults.count > 1 ? " (and \(result.faults.count - 1) more)" : ""
            return RunVerdict(
                verdict: .fail,
                reason: "the partition faulted: \(fault.summary)\(more); a plain run expects no fault "
                    + "(a chapter shows an expected fault in a scenario with `end: partition-fault`)",
                qemu: qemu)
        }
        if result.verdict == .pass {
            // QEMU's exit is in the detail; the reason says what the kernel did.
            let tests = result.tests.isEmpty ? "" : "all \(result.tests.count) in-guest tests passed, "
            return RunVerdict(verdict: .pass, reason: "the kernel booted, \(tests)ended with status \(result.endStatus ?? "?")",
                              qemu: qemu)
        }
        return RunVerdict(verdict: result.verdict, reason: result.explanation, qemu: qemu)
    }

    /// One QEMU scenario: `pass` when every expectation held, `build-error` when there was
    /// nothing to run, `fail` otherwise.
    public static func scenario(_ outcome: ScenarioOutcome) -> RunVerdict {
        let qemu = outcome.run.map(qemuDetail)
        if outcome.passed {
            return RunVerdict(verdict: .pass, reason: "every expectation of scenario \(outcome.scenario) held", qemu: qemu)
        }
        let count = outcome.problems.count
        let reason = "scenario \(outcome.scenario): \(count) expectation\(count == 1 ? "" : "s") not met"
        return RunVerdict(verdict: outcome.run == nil ? outcome.runnerVerdict : .fail, reason: reason, qemu: qemu)
    }

    /// How QEMU ended, as detail: its exit (named for the pass and fail codes), the runner's
    /// verdict when the exit alone does not say it, and the number of fault reports.
    public static func qemuDetail(_ result: QEMURunResult) -> String {
        var parts: [String] = []
        let exit: String
        switch (result.verdict, result.exitCode, result.terminationSignal) {
        case (.timeout, _, _): exit = "killed by the wall-clock backstop"
        case (.outputFlood, _, _): exit = "killed at the serial byte cap"
        case (_, QEMURunner.passExitCode?, _): exit = "exit pass code"
        case (_, QEMURunner.failExitCode?, _): exit = "exit fail code"
        case (_, let code?, _): exit = "exit \(code)"
        case (_, nil, let signal?): exit = "signal \(signal)"
        case (_, nil, nil): exit = "no exit status"
        }
        let exitSaysIt = (result.verdict == .pass && result.exitCode == QEMURunner.passExitCode)
            || (result.verdict == .fail && result.exitCode == QEMURunner.failExitCode)
        if !exitSaysIt { parts.append(result.verdict.rawValue) }
        parts.append(exit)
        if !result.faults.isEmpty {
            parts.append("\(result.faults.count) fault\(result.faults.count == 1 ? "" : "s")")
        }
        return "QEMU: " + parts.joined(separator: ", ")
    }

    /// `verdict: fail — reason (QEMU: …)`, the last line of `pokdoc run`.
    public var line: String {
        "verdict: \(verdict.rawValue) — \(reason)" + (qemu.map { " (\($0))" } ?? "")
    }

    /// `  FAIL  name [bsp] 0.52 s (QEMU: …)`, a scenario's line in `pokdoc test`.
    public func testLine(name: String, bsp: BoardSupportPackage, wallTime: Double?) -> String {
        let word = verdict == .pass ? "pass" : verdict == .fail ? "FAIL" : verdict.rawValue.uppercased()
        let time = wallTime.map { " " + formatSeconds($0) } ?? ""
        return "  \(word)  \(name) [\(bsp)]\(time)" + (qemu.map { " (\($0))" } ?? "")
    }
}

private func formatSeconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100).rounded())
    let fraction = String(hundredths % 100)
    return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction) s"
}
