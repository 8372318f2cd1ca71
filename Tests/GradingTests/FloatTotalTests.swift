// Why points are exact (docs/grading.md, "Exact points"): a rubric whose total is full marks where
// Double arithmetic misses it.
import Grading
import Testing

@Suite("Float total")
struct FloatTotalTests {
    /// Ten checks of 0.1 point: an assignment out of 1.
    static let rubricYAML = """
        assignment: hypercall-gate
        version: 1
        checks:
        \((1...10).map { "  check.\($0): 0.1" }.joined(separator: "\n"))
        """
    static let ids = Set((1...10).map { "check.\($0)" })

    @Test("ten checks of 0.1 total exactly 1, where Double gives 0.9999999999999999")
    func tenTenths() throws {
        // What a float grader would do: parse each 0.1 as a Double and add.
        let doubleTotal = (1...10).map { _ in Double("0.1")! }.reduce(0, +)
        #expect(doubleTotal != 1.0, "this test needs Double to miss: 0.1 × 10 summed in Double is \(doubleTotal)")
        #expect(doubleTotal == 0.9999999999999999)

        let rubric = try Rubric.parse(yaml: Self.rubricYAML, file: "rubric.yaml", knownChecks: Self.ids)
        #expect(rubric.maximum == Rational(1), "the rubric's exact total is 1 (each 0.1 read as 1/10)")
        #expect(rubric.maximum.description == "1")

        // Every check passes, reported in another order than the rubric lists them.
        let checks = rubric.entries.reversed().map {
            CheckResult(id: $0.checkID, title: $0.checkID, status: .passed, pointsPossible: $0.points)
        }
        let result = GradeResult(
            submission: "s", graderVersion: "test", seed: 1, verdict: .pass, duration: .zero,
            checks: checks, rounding: rubric.rounding
        )
        #expect(result.score.earned == Rational(1), "the earned total is exactly 1")
        #expect(result.score.isFullMarks, "all checks passed: full marks")
        #expect(result.score.exitCode == 0, "full marks exit 0 (docs/grading.md, \"Exit codes\")")
        #expect(result.score.earned.rounded(toPlaces: 2) == "1.00")
    }

    @Test("a sum does not depend on order, where Double's does")
    func order() throws {
        let values = ["0.1", "0.2", "0.3"]
        let forward = values.map { Double($0)! }.reduce(0, +)
        let backward = values.reversed().map { Double($0)! }.reduce(0, +)
        #expect(forward != backward, "Double: (0.1+0.2)+0.3 = \(forward) but (0.3+0.2)+0.1 = \(backward)")
        let exact = try values.map { try Rational(parsing: $0) }
        #expect(exact.sum() == exact.reversed().sum(), "Rational sums are exact, so order cannot matter")
        #expect(exact.sum().description == "3/5")
    }
}
