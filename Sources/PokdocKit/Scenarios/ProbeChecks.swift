/// The checks a probe partition reports, one line each: `probe: step N <check>: ok`,
/// `probe: step N <check>: FAILED — <why>`, or `probe: step N <check>: not run — needs step M`.
/// A scenario declares the checks it expects (`checks:` in the front matter); each one that is not
/// `ok` is one problem, stated once, and the checks a probe never reached (it faulted, or the
/// kernel stopped it) are one problem together, with the reason the run gives.
public struct ProbeChecks: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case ok
        case failed(String)
        case notRun(needs: Int)
        case notReported
    }

    public struct Check: Sendable, Equatable {
        /// `step N <check>`, as declared.
        public var name: String
        public var step: Int
        public var status: Status
    }

    public var checks: [Check]
    /// Probe lines for checks the scenario does not declare.
    public var undeclared: [String]

    nonisolated(unsafe) static let linePattern = #/^probe: (step (\d+) .+?): (ok|FAILED — .*|not run — needs step (\d+))$/#
    nonisolated(unsafe) static let declaredPattern = #/^step (\d+) .+$/#

    /// Reads the transcript for the declared checks.
    public init(declared: [String], transcript: [String]) {
        var seen: [String: Status] = [:]
        var undeclared: [String] = []
        for line in transcript {
            // A probe line may follow bytes a partition printed on the same line: take its part.
            guard let start = line.range(of: "probe: step ") else { continue }
            let text = String(line[start.lowerBound...])
            guard let match = text.wholeMatch(of: Self.linePattern) else { continue }
            let name = String(match.1)
            let status: Status = match.3 == "ok" ? .ok
                : match.3.hasPrefix("FAILED — ") ? .failed(String(match.3.dropFirst("FAILED — ".count)))
                : .notRun(needs: Int(match.4 ?? "") ?? 0)
            if declared.contains(name) { seen[name] = status } else { undeclared.append(text) }
        }
        checks = declared.map { name in
            let step = name.wholeMatch(of: Self.declaredPattern).flatMap { Int($0.1) } ?? 0
            return Check(name: name, step: step, status: seen[name] ?? .notReported)
        }
        self.undeclared = undeclared
    }

    /// Problems for the scenario's verdict: one per check that did not pass, the unreported ones
    /// together.
    public func problems(stopReason: String) -> [String] {
        var problems: [String] = []
        for check in checks {
            switch check.status {
            case .ok, .notReported: break
            case .failed(let why): problems.append("\(check.name): FAILED — \(why)")
            case .notRun(let needs): problems.append("\(check.name): not run — needs step \(needs)")
            }
        }
        let unreported = checks.filter { $0.status == .notReported }
        if !unreported.isEmpty {
            let first = unreported.map(\.step).min() ?? 0
            problems.append("not reported, the probe stopped before step \(first)'s checks (\(unreported.map(\.name).joined(separator: "; "))): \(stopReason)")
        }
        for line in undeclared { problems.append("the probe reported a check the chapter does not declare: \(line)") }
        return problems
    }
}
