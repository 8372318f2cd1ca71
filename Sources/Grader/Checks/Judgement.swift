// What the grader concluded about one check, before the rubric gives it points.
import Grading

public struct Judgement: Sendable, Equatable {
    public var id: String
    public var status: CheckStatus
    public var observed: String?
    public var expected: String?
    public var message: String?

    public static func passed(_ id: String, observed: String? = nil) -> Judgement {
        Judgement(id: id, status: .passed, observed: observed)
    }

    public static func failed(_ id: String, observed: String, expected: String, _ message: String? = nil) -> Judgement {
        Judgement(id: id, status: .failed, observed: observed, expected: expected, message: message)
    }

    public static func notRun(_ id: String, needs: String) -> Judgement {
        Judgement(id: id, status: .notRun(needs: needs))
    }
}
