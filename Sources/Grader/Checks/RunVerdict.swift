// The verdict of a grade from how its observed runs ended (docs/grading.md, "Verdicts"): forged,
// a side that did not build, a hang, a triple fault, a flood, no boot — else pass or fail by the
// checks. Both graders decide it here.
import Grading
import PokdocKit

enum RunVerdict {
    /// `built`: false when a side did not build. `runs`: each side's observed run (ending, QEMU's result).
    static func decide(forgery: String?, built: [Bool], runs: [(ending: DriveEnding, run: QEMURunResult)],
                       judgements: [Judgement]) -> GradeVerdict {
        if forgery != nil { return .forged }
        if built.contains(false) { return .buildError }
        for (ending, run) in runs {
            switch ending {
            case .finished: continue
            // A guest the runner stopped for flooding is a flood, even if the driver gave up first.
            case .hung: return run.verdict == .outputFlood ? .outputFlood : .timeout
            case .guestGone, .graderError:
                // QEMU runs with -no-reboot: a guest that shuts down (triple fault) exits 0,
                // whether or not it had printed its boot line.
                if run.exitCode == 0 { return .tripleFault }
                switch run.verdict {
                case .tripleFault: return .tripleFault
                case .outputFlood: return .outputFlood
                case .timeout: return .timeout
                case .noBoot: return .noBoot
                default: continue
                }
            }
        }
        return judgements.allSatisfy { $0.status == .passed } ? .pass : .fail
    }
}

extension ProbeSide {
    var built: Bool {
        if case .notBuilt = self { return false }
        return true
    }

    var ending: (ending: DriveEnding, run: QEMURunResult)? { observedRun.map { ($0.ending, $0.run) } }
}
