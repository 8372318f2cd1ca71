// docs/grading.md's class-scale sections name what the code writes; these tests tie the two.
import Foundation
import Grader
import PokdocKit
import Testing

@Suite("Batch doc")
struct BatchDocTests {
    /// The text of the section headed `## title`, up to the next `## `.
    static func section(_ title: String) throws -> String {
        let url = GraderFixture.course.root.appendingPathComponent("docs/grading.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(doc.range(of: "\n## \(title)\n"), "docs/grading.md has a section \"\(title)\"")
        let rest = doc[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    @Test("\"The gradebook\" names every fixed column, and the verdict of a grader failure")
    func gradebookColumns() throws {
        let text = try Self.section("The gradebook")
        for column in GradebookRow.fixedColumns {
            #expect(text.contains("`\(column)`"), "docs/grading.md, \"The gradebook\" must name the column \(column)")
        }
        #expect(text.contains("`\(GradebookRow.graderFailureVerdict)`"))
    }

    @Test("\"Grading a class locally\" names every format's file name")
    func reportFiles() throws {
        let text = try Self.section("Grading a class locally")
        for format in ReportFormat.allCases {
            #expect(text.contains("| `\(format.rawValue)` | `NAME\(format.fileSuffix)`"),
                    "docs/grading.md, \"Grading a class locally\" must give \(format)'s file, NAME\(format.fileSuffix)")
        }
    }

    @Test("\"On Gradescope\" names the packages and the source the bundle carries")
    func gradescope() throws {
        let text = try Self.section("On Gradescope")
        for package in DebianPackage.required {
            #expect(text.contains("`\(package.name)`"), "docs/grading.md, \"On Gradescope\" must name \(package.name)")
        }
        for item in GradescopeBundle.sourceItems {
            #expect(text.contains("`\(item)`"), "docs/grading.md, \"On Gradescope\" must name \(item)")
        }
    }
}
