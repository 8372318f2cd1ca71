// The JUnit XML report (docs/grading.md, "JUnit XML"): one testcase per check; failed → <failure>,
// not run → <skipped>, error → <error>.

public enum JUnitReport {
    public static func render(_ result: GradeResult) -> String {
        let places = result.rounding.places
        let score = result.score
        let count = { (status: (CheckStatus) -> Bool) in result.checks.filter { status($0.status) }.count }
        let failures = count { $0 == .failed }
        let errors = count { $0 == .error } + (result.graderFailure == nil ? 0 : 1)
        let skipped = count { if case .notRun = $0 { true } else { false } }
        let tests = result.checks.count + (result.graderFailure == nil ? 0 : 1)
        let e = XMLText.escape
        let counts = "tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(result.duration.secondsText)\""

        var xml = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"pokdoc grade\" \(counts)>",
            "  <testsuite name=\"\(e(result.submission))\" \(counts)>",
            "    <properties>",
        ]
        let properties = [
            ("verdict", result.verdict.rawValue), ("grader-version", result.graderVersion), ("seed", String(result.seed)),
            ("score", score.earned.description), ("max-score", score.possible.description),
            ("score-rounded", score.earned.rounded(toPlaces: places)), ("max-score-rounded", score.possible.rounded(toPlaces: places)),
        ] + result.ignoredFiles.map { ("ignored-file", $0) }
        xml += properties.map { "      <property name=\"\($0.0)\" value=\"\(e($0.1))\"/>" }
        xml.append("    </properties>")
        if let failure = result.graderFailure {
            xml.append("    <testcase classname=\"grader\" name=\"grader\" time=\"0\">")
            xml.append("      <error message=\"grader failed\">\(e(failure))</error>")
            xml.append("    </testcase>")
        }
        for check in result.checks {
            let points = "\(check.pointsEarned)/\(check.pointsPossible) points"
            let open = "    <testcase classname=\"\(e(check.id))\" name=\"\(e(check.title))\" time=\"0\">"
            let detail = e((check.detailLines + [points]).joined(separator: "\n"))
            let firstLine = e(check.detailLines.first ?? check.status.word)
            switch check.status {
            case .passed:
                xml.append(open + "</testcase>")
            case .failed:
                xml += [open, "      <failure message=\"\(firstLine)\" type=\"failed\">\(detail)</failure>", "    </testcase>"]
            case .notRun:
                xml += [open, "      <skipped message=\"\(firstLine)\"/>", "    </testcase>"]
            case .error:
                xml += [open, "      <error message=\"\(firstLine)\" type=\"grader-error\">\(detail)</error>", "    </testcase>"]
            }
        }
        xml += ["  </testsuite>", "</testsuites>"]
        return xml.joined(separator: "\n") + "\n"
    }
}
