// One check's explanation as text, shared by the text, JUnit and Gradescope reports.

extension CheckResult {
    /// The lines that say why the check stands where it does: the message, what was observed
    /// against what was expected, what it needs, and where the chapter explains it.
    public var detailLines: [String] {
        var lines: [String] = []
        if case let .notRun(needs) = status { lines.append("not run — needs \(needs)") }
        if let message { lines.append(message) }
        if let observed { lines.append("observed: \(observed)") }
        if let expected { lines.append("expected: \(expected)") }
        if let section { lines.append("see \(section)") }
        return lines
    }
}

extension Duration {
    /// Whole milliseconds (toward zero): the unit the reports use.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds with three decimals, from the whole milliseconds: "3.200".
    var secondsText: String {
        let ms = milliseconds
        let fraction = String(ms % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
