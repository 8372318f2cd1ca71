// docs/grading.md describes the formats the code writes; these tests tie the two.
import Foundation
import Grading
import Testing

@Suite("Grading doc")
struct GradingDocTests {
    static let doc: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/grading.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test("the doc's JSON example names every key the JSON report writes")
    func jsonKeys() throws {
        #expect(!Self.doc.isEmpty, "docs/grading.md must exist")
        let text = JSONReport.render(SampleResult.make(graderFailure: "x"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let checks = try #require(object["checks"] as? [[String: Any]])
        let keys = Set(object.keys).union(checks.flatMap(\.keys))
        for key in keys.sorted() {
            #expect(Self.doc.contains("\"\(key)\""), "docs/grading.md, \"JSON, schema version 1\" must show the key \"\(key)\"")
        }
        #expect(Self.doc.contains("## JSON, schema version \(JSONReport.schemaVersion)") || Self.doc.contains("### JSON, schema version \(JSONReport.schemaVersion)"),
                "the doc's JSON section names the current schema version")
    }

    @Test("the doc names every rubric key")
    func rubricKeys() {
        for key in Rubric.keys {
            #expect(Self.doc.contains("\(key):"), "docs/grading.md, \"The rubric\" must show the key \(key)")
        }
    }
}
