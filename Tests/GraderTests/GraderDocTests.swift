// docs/grading.md tells instructors what each check and verdict means; these tests tie the page
// to the grader's check list, its rubric and the verdict words.
import Foundation
import Grading
import Testing
@testable import Grader

@Suite("docs/grading.md — the checks and verdicts")
struct GraderDocTests {
    static let doc = (try? String(contentsOf: GraderFixture.course.root.appendingPathComponent("docs/grading.md"), encoding: .utf8)) ?? ""

    @Test("the checks table has a row for every check the grader runs")
    func checks() {
        let rows = Self.doc.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for id in HypercallGrader.checkIDs where !id.hasPrefix("regression.") {
            #expect(rows.contains { $0.hasPrefix("| `\(id)` |") }, "docs/grading.md, \"The checks\": no row for \(id)")
        }
        #expect(rows.contains { $0.hasPrefix("| `regression.chapter-1` … `-3` |") }, "docs/grading.md, \"The checks\": no row for the regression checks")
    }

    @Test("\"Grading Chapter 5\" has a row for every check of Chapter 5's grader")
    func chapter5Checks() throws {
        let start = try #require(Self.doc.range(of: "## Grading Chapter 5"), "docs/grading.md has no \"Grading Chapter 5\"")
        let rest = Self.doc[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for id in HypervisorGrader.checkIDs where !id.hasPrefix("regression.") {
            #expect(rows.contains { $0.hasPrefix("| `\(id)` |") }, "docs/grading.md, \"Grading Chapter 5\": no row for \(id)")
        }
        #expect(rows.contains { $0.hasPrefix("| `regression.chapter-1` … `-4` |") }, "docs/grading.md, \"Grading Chapter 5\": no row for the regression checks")
    }

    @Test("the verdicts table explains every verdict")
    func verdicts() {
        for verdict in GradeVerdict.allCases {
            #expect(Self.doc.contains("| `\(verdict.rawValue)` |"), "docs/grading.md, \"Verdicts\": no row for \(verdict.rawValue)")
        }
    }

    @Test("the chapter's rubric gives every check points, and the points sum to 100")
    func rubric() throws {
        let rubric = try HypercallGrader.defaultRubric(course: GraderFixture.course)
        #expect(rubric.entries.map(\.checkID) == HypercallGrader.checkIDs, "rubric.yaml lists the checks in the grader's order")
        #expect(rubric.maximum == Rational(100), "Chapter 4's rubric totals 100, got \(rubric.maximum)")
        let rubric5 = try HypervisorGrader.defaultRubric(course: GraderFixture.course)
        #expect(rubric5.entries.map(\.checkID) == HypervisorGrader.checkIDs, "Chapter 5's rubric.yaml lists the checks in the grader's order")
        #expect(rubric5.maximum == Rational(100), "Chapter 5's rubric totals 100, got \(rubric5.maximum)")
    }
}
