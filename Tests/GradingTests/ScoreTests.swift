// Totals and exit codes (docs/grading.md, "Exit codes").
import Grading
import Testing

@Suite("Score")
struct ScoreTests {
    static func result(_ statuses: [CheckStatus], graderFailure: String? = nil) -> GradeResult {
        GradeResult(
            submission: "s", graderVersion: "t", seed: 0, verdict: .pass, duration: .zero,
            checks: statuses.enumerated().map { CheckResult(id: "c\($0.offset)", title: "c", status: $0.element, pointsPossible: SampleResult.third) },
            rounding: .standard, graderFailure: graderFailure
        )
    }

    @Test("only a passed check earns its points")
    func earned() {
        let score = Self.result([.passed, .failed, .notRun(needs: "c0"), .passed]).score
        #expect(score.earned.description == "2/3", "two passed checks of 1/3")
        #expect(score.possible.description == "4/3", "four checks of 1/3")
    }

    @Test("exit 0 at full marks, 1 below, 2 when the grader failed", arguments: [
        ([CheckStatus.passed, .passed, .passed], nil as String?, Int32(0)),
        ([.passed, .failed, .passed], nil, 1),
        ([.passed, .notRun(needs: "c1"), .passed], nil, 1),
        ([.passed, .error, .passed], nil, 2),
        ([.passed, .passed, .passed], "harness did not build", 2),
    ])
    func exitCode(statuses: [CheckStatus], failure: String?, code: Int32) {
        #expect(Self.result(statuses, graderFailure: failure).score.exitCode == code,
                "statuses \(statuses.map(\.word)), grader failure \(failure ?? "none") → exit \(code)")
    }
}
