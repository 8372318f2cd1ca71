// One GradeResult with every check status, awkward text and a non-terminating fraction, for the
// report tests.
import Grading

enum SampleResult {
    static let third = try! Rational(parsing: "1/3")

    static func make(graderFailure: String? = nil) -> GradeResult {
        GradeResult(
            submission: "alice & <bob>",
            graderVersion: "0.1.0",
            seed: 18_446_744_073_709_551_615,
            verdict: .fail,
            duration: .milliseconds(3_205),
            ignoredFiles: ["notes.txt"],
            checks: [
                CheckResult(id: "hypercall.gate.descriptor", title: "gate 45 is an interrupt gate of DPL 3", status: .passed,
                            section: "Chapter 4, step 4", pointsPossible: third),
                CheckResult(id: "hypercall.gate.vector", title: "the gate is at vector 45", status: .passed, pointsPossible: third),
                CheckResult(id: "hypercall.registers.preserved", title: "registers \"preserved\"", status: .failed,
                            observed: "EBX=0x1 <changed>", expected: "EBX=0x2 & unchanged", section: "Chapter 4, step 3",
                            message: "the entry stub lost EBX\u{1B}[0m", pointsPossible: Rational(2)),
                CheckResult(id: "hypercall.dispatch.einval", title: "a bad ID answers EINVAL", status: .notRun(needs: "hypercall.registers.preserved"),
                            pointsPossible: third),
                CheckResult(id: "hypercall.libpok.call", title: "Libpok's call", status: .error, message: "probe crashed",
                            pointsPossible: Rational(1)),
            ],
            rounding: RoundingRule(places: 2),
            graderFailure: graderFailure
        )
    }
}
