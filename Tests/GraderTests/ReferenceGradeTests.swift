// `pokdoc grade .`: the reference solution, graded like any submission, earns full marks.
import Foundation
import Grading
import Testing
@testable import Grader
import PokdocKit

@Suite("Grader — the reference and the untouched kit", .serialized)
struct ReferenceGradeTests {
    @Test("the reference solution scores full marks, every check passed")
    func reference() async throws {
        let course = GraderFixture.course
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("grader-ref-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let grader = HypercallGrader(course: course, rubric: try HypercallGrader.defaultRubric(course: course), seed: 7, scratch: scratch)
        let result = await grader.grade(course.root)
        print(TextReport.render(result, colour: false))
        #expect(result.graderFailure == nil, "the grader failed: \(result.graderFailure ?? "")")
        #expect(result.verdict == .pass)
        #expect(result.score.isFullMarks, "the reference must score full marks")
    }
}
