// How a QEMU run becomes a verdict: what the guest printed, weighed against how QEMU ended
// (docs/ARCHITECTURE.md, "Verdicts").

extension QEMURunner {
    /// Decides a run's verdict from what the guest printed and how QEMU ended.
    ///
    /// Precedence: `forged` (the output cannot be trusted at all), `output-flood`, `no-boot`
    /// (nothing of the protocol, however QEMU ended), `timeout`, then the exit status:
    /// 33 is `pass` only with `POK END` and no in-guest FAIL, 35 is `fail`, 0 is `triple-fault`,
    /// anything else is `fail`.
    public static func judge(
        _ serial: SerialSummary, ending: QEMUEnding, diagnostics: String = ""
    ) -> (verdict: Verdict, explanation: String) {
        let lastLine = serial.transcript.last.map { " Last line: \"\($0)\"." } ?? " The guest printed nothing."
        let qemuSaid = diagnostics.split(separator: "\n").first.map { " QEMU said: \"\($0)\"." } ?? ""

        if let forged = serial.forgedLines.first {
            let count = serial.forgedLines.count
            return (.forged, "\(count) protocol line\(count == 1 ? "" : "s") did not carry this run's nonce, e.g. \"\(forged)\": "
                + "results the harness did not ask for are not evidence.")
        }
        if !serial.booted, ending.killedForFlood == false {
            let how = switch ending {
            case .exited(let code): "QEMU exited with status \(code)\(code == 0 ? " (a triple fault under -no-reboot)" : "")."
            case .signaled(let number): "QEMU died from signal \(number)."
            case .timedOut(let limit): "QEMU was killed after \(describe(limit)) of wall clock."
            case .flooded: ""
            }
            return (.noBoot, "No \"POK BOOT <nonce>\" line: the kernel never reported that it booted. \(how)\(qemuSaid)\(lastLine)")
        }
        // Booted, or flooded (a flood says the kernel ran even if it never said so).
        // Only a run that reported in-guest tests gets a tally: "0 passed, 0 failed" says nothing.
        let tally: String? = serial.tests.isEmpty
            ? nil : "\(serial.passedTests.count) passed, \(serial.failedTests.count) failed"
        let inParentheses = tally.map { " (\($0))" } ?? ""
        switch ending {
        case .flooded(let cap):
            return (.outputFlood, "Serial output passed the cap of \(cap) bytes, so QEMU was killed.\(lastLine)")
        case .timedOut(let limit):
            return (.timeout, "No exit within \(describe(limit)) of wall clock, so QEMU was killed; "
                + "before the hang the guest reported \(tally ?? "no in-guest tests").\(lastLine)")
        case .signaled(let number):
            return (.fail, "QEMU died from signal \(number)\(inParentheses).\(qemuSaid)\(lastLine)")
        case .exited(0):
            let fault = serial.faults.last.map { " Last fault reported: \($0.summary)." } ?? ""
            return (.tripleFault, "QEMU exited 0: under -no-reboot that means the CPU reset on a fault it could not "
                + "deliver (a triple fault), never success.\(fault)\(lastLine)")
        case .exited(passExitCode):
            if let failed = serial.failedTests.first {
                return (.fail, "The guest exited with 0x10 but reported FAIL \(failed.name)"
                    + (failed.detail.isEmpty ? "" : " (\(failed.detail))") + "\(inParentheses).")
            }
            if let malformed = serial.malformedLines.first {
                return (.fail, "The guest exited with 0x10 but wrote a malformed protocol line: \(malformed).")
            }
            guard let status = serial.endStatus else {
                return (.fail, "The guest exited with 0x10 without a \"POK END <nonce> <status>\" line\(inParentheses).\(lastLine)")
            }
            return (.pass, "Booted, " + (tally.map { "\($0), " } ?? "") + "ended with status \(status), exit 33 (0x10).")
        case .exited(failExitCode):
            var reasons: [String] = []
            if let failed = serial.failedTests.first {
                reasons.append("FAIL \(failed.name)" + (failed.detail.isEmpty ? "" : " (\(failed.detail))"))
            }
            if let fault = serial.faults.last { reasons.append("fault \(fault.summary)") }
            if let status = serial.endStatus { reasons.append("end status \(status)") }
            let why = reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; ")
            return (.fail, "The guest exited with 0x11 (failure)\(why)\(inParentheses).")
        case .exited(let code):
            return (.fail, "QEMU exited with status \(code), which is neither 33 (pass) nor 35 (fail)\(inParentheses).\(qemuSaid)\(lastLine)")
        }
    }
}

private func describe(_ duration: Duration) -> String {
    let seconds = duration.inSeconds
    return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
}

extension QEMUEnding {
    fileprivate var killedForFlood: Bool {
        if case .flooded = self { true } else { false }
    }
}
