// The terminal report: one table row per check, then the score (docs/grading.md, "Text").

public enum TextReport {
    /// The report as text; `colour` adds ANSI colours (the caller decides, e.g. on a TTY only).
    public static func render(_ result: GradeResult, colour: Bool) -> String {
        let places = result.rounding.places
        let score = result.score
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

        var lines = [
            "submission \(VisibleText.make(result.submission)) — grader \(result.graderVersion), seed \(result.seed)",
            "verdict: \(result.verdict.rawValue), \(result.duration.secondsText) s",
        ]
        if let failure = result.graderFailure { lines.append(paint("grader failed: \(VisibleText.make(failure))", "1;35")) }
        let statusWidth = max(6, result.checks.map(\.status.word.count).max() ?? 0)
        let idWidth = max(5, result.checks.map(\.id.count).max() ?? 0)
        let pointsOf = { (check: CheckResult) in
            "\(check.pointsEarned.rounded(toPlaces: places))/\(check.pointsPossible.rounded(toPlaces: places))"
        }
        let pointsWidth = max(6, result.checks.map { pointsOf($0).count }.max() ?? 0)
        lines.append([pad("status", statusWidth), pad("check", idWidth), pad("points", pointsWidth), "title"].joined(separator: "  "))
        for check in result.checks {
            let code = switch check.status {
            case .passed: "32"
            case .failed: "31"
            case .notRun: "33"
            case .error: "35"
            }
            let row = [
                paint(pad(check.status.word, statusWidth), code), pad(VisibleText.make(check.id), idWidth),
                pad(pointsOf(check), pointsWidth), VisibleText.make(check.title),
            ]
            lines.append(row.joined(separator: "  "))
            if check.status != .passed {
                lines += check.detailLines.map { String(repeating: " ", count: statusWidth + 2) + VisibleText.make($0) }
            }
        }
        let total = "score: \(score.earned.rounded(toPlaces: places)) of \(score.possible.rounded(toPlaces: places)) (exactly \(score.earned) of \(score.possible))"
        lines.append(paint(total, score.isFullMarks ? "1;32" : "1;31"))
        if !result.ignoredFiles.isEmpty {
            lines.append("ignored files: \(VisibleText.make(result.ignoredFiles.joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

}
