// One side of a submission as the grader ran it: built and observed, or not built.
import PokdocKit

public enum ProbeSide<Observation: Sendable>: Sendable {
    /// The side's image did not compile or link: the compiler's words.
    case notBuilt(BuildFailure)
    case ran(ObservedRun<Observation>)

    var observedRun: ObservedRun<Observation>? {
        if case .ran(let run) = self { return run }
        return nil
    }
}

extension DriveEnding {
    /// In words, for a check's `observed`.
    var words: String {
        switch self {
        case .finished: "the grader's calls all ran"
        case .guestGone(let what): "the guest ended (\(what))"
        case .hung(let what): "the kernel hung: \(what)"
        case .graderError(let what): "the grader could not go on: \(what)"
        }
    }
}

extension ObservedRun {
    /// Why the run stopped early, in words with QEMU's verdict.
    var endingWords: String {
        switch ending {
        case .finished: ending.words
        default: "\(ending.words); QEMU: \(run.verdict.rawValue) — \(run.explanation)"
        }
    }
}
