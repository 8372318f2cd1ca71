// The four report writers on one GradeResult (docs/grading.md, "Reports").
import Foundation
import FoundationXML
import Grading
import Testing

@Suite("Reports")
struct ReportTests {
    let result = SampleResult.make()

    @Test("text: one row per check with rounded points, exact total, colour only when asked")
    func text() {
        let plain = TextReport.render(result, colour: false)
        #expect(!plain.contains("\u{1B}"), "no escape character unless colour is asked: not ours, not the submission's")
        #expect(plain.contains("lost EBX\\u{1B}[0m"), "the submission's escape character is shown as text, not sent to the terminal")
        for check in result.checks { #expect(plain.contains(check.id), "row for \(check.id)") }
        #expect(plain.contains("0.33/0.33"), "a passed 1/3 check shows 0.33/0.33 (2 places)")
        #expect(plain.contains("score: 0.67 of 4.00 (exactly 2/3 of 4)"), "total rounded once, and exact")
        #expect(plain.contains("not run — needs hypercall.registers.preserved"))
        #expect(plain.contains("ignored files: notes.txt"))
        let coloured = TextReport.render(result, colour: true)
        #expect(coloured.contains("\u{1B}[32mpassed"), "colour: passed in green")
        #expect(coloured.contains("\u{1B}[31mfailed"), "colour: failed in red")
    }

    @Test("JSON: schema version 1, sorted keys, decodes back, points as exact and rounded strings")
    func json() throws {
        let text = JSONReport.render(result)
        let document = try JSONDecoder().decode(JSONReport.Document.self, from: Data(text.utf8))
        #expect(document == JSONReport.document(result), "the JSON decodes back to the document it was written from")
        #expect(document.schemaVersion == 1)
        #expect(document.seed == "18446744073709551615", "the seed as a decimal string, every digit")
        #expect(document.score.earned == JSONReport.Points(exact: "2/3", rounded: "0.67"))
        #expect(document.score.exitCode == 2, "the sample has a check in error: the grader failed")
        #expect(document.checks.map(\.status) == ["passed", "passed", "failed", "not-run", "error"])
        #expect(document.checks[3].needs == "hypercall.registers.preserved")
        #expect(text.contains("\"exact\" : \"1/3\""), "fractions unescaped: \"1/3\", not \"1\\/3\"")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let keyLines = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keyLines == keyLines.sorted(), "top-level keys sorted")
        #expect(Set(object.keys) == Set(keyLines.map(String.init)))
        #expect(!text.contains("0.3333"), "no float anywhere in the JSON report")
    }

    @Test("JUnit: valid XML with the right counts; failed → failure, not run → skipped, error → error")
    func junit() throws {
        let xml = JUnitReport.render(result)
        let reader = JUnitReader()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "JUnit XML must parse: \(parser.parserError.map(String.init(describing:)) ?? "")")
        #expect(reader.testcases == 5, "one testcase per check")
        #expect(reader.failures == 1 && reader.skipped == 1 && reader.errors == 1)
        let suite = try #require(reader.suite)
        #expect(suite["tests"] == "5" && suite["failures"] == "1" && suite["skipped"] == "1" && suite["errors"] == "1",
                "testsuite counts agree with its testcases: \(suite)")
        #expect(suite["name"] == "alice & <bob>", "names escaped and read back intact")
        #expect(suite["time"] == "3.205")
        #expect(reader.text.contains("EBX=0x2 & unchanged"), "escaped text reads back intact")
        #expect(reader.text.contains("\\u{1B}[0m"), "a control character XML cannot hold is written visibly, not lost")

        let failedGrader = JUnitReport.render(SampleResult.make(graderFailure: "harness did not build"))
        let second = JUnitReader()
        let secondParser = XMLParser(data: Data(failedGrader.utf8))
        secondParser.delegate = second
        #expect(secondParser.parse())
        #expect(second.errors == 2 && second.suite?["errors"] == "2", "a grader failure is one more error testcase")
    }

    @Test("Gradescope: score is the rounded exact total, statuses passed|failed, numbers from the rule")
    func gradescope() throws {
        let text = GradescopeReport.render(result)
        let results = try JSONDecoder().decode(GradescopeReport.Results.self, from: Data(text.utf8))
        #expect(results.score == 0.67, "score = 2/3 rounded once to 2 places")
        #expect(results.score == SampleResult.make().score.earned.roundedNumber(toPlaces: 2))
        #expect(results.tests.map(\.max_score) == [0.33, 0.33, 2, 0.33, 1])
        #expect(results.tests.map(\.score) == [0.33, 0.33, 0, 0, 0])
        #expect(results.tests.allSatisfy { ["passed", "failed"].contains($0.status) }, "Gradescope knows only passed and failed")
        #expect(results.tests.map(\.status) == ["passed", "passed", "failed", "failed", "failed"])
        #expect(results.extra_data["score_exact"] == "2/3")
        #expect(results.stdout_visibility == .hidden)
        #expect(results.execution_time == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["score", "tests", "visibility", "stdout_visibility", "output", "execution_time"] {
            #expect(object[key] != nil, "results.json has \(key)")
        }
        #expect(text.contains("\"visibility\" : \"visible\""))
        #expect(GradescopeReport.render(result, visibility: .afterDueDate).contains("\"after_due_date\""))
    }
}

/// Counts JUnit elements and keeps the testsuite's attributes and all text.
final class JUnitReader: NSObject, XMLParserDelegate {
    var testcases = 0, failures = 0, skipped = 0, errors = 0
    var suite: [String: String]?
    var text = ""

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "testsuite": suite = attributes
        case "testcase": testcases += 1
        case "failure": failures += 1
        case "skipped": skipped += 1
        case "error": errors += 1
        default: break
        }
        text += attributes.values.joined(separator: "\n")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
