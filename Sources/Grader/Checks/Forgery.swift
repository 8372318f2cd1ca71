// When the kernel's run cannot be believed (docs/grading.md, "Verdicts"): the grader's probe was
// patched in memory, the guest exited with the success code before the grader's calls were done,
// or the kernel printed lines that imitate a probe report (the grader's probe prints nothing).
import PokdocKit

enum Forgery {
    static func detect(kernel: ProbeSide<KernelProbeObservation>, plan: KernelProbePlan) -> String? {
        guard let observed = kernel.observedRun else { return nil }
        if let mismatch = observed.observation.codeMismatch {
            return "the kernel patched the grader's probe: " + mismatch
        }
        if observed.ending != .finished, observed.run.exitCode == QEMURunner.passExitCode {
            // A kernel ends its run after a partition fault, and may do so with the success code:
            // that is no forgery when the grader saw the CPU deliver the last call to an exception.
            let last = observed.observation.calls.last
            let faulted = last.map { $0.after == nil && ($0.landedVector.map { $0 < 32 } ?? false) } ?? false
            if !faulted {
                return "the guest exited with the success code after \(observed.observation.calls.count) of \(plan.calls.count) calls, and no fault was delivered"
            }
        }
        if let line = observed.run.transcript.first(where: { $0.hasPrefix("probe: ") }) {
            return "the kernel printed a probe report the grader's probe never writes: \"\(line.prefix(80))\""
        }
        return nil
    }
}
