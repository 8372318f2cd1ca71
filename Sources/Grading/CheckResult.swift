// One graded check inside a GradeResult: what the check saw and the points it earned.

public struct CheckResult: Sendable {
    public let id: String
    public let title: String
    public let status: CheckStatus
    public let observed: String?
    public let expected: String?
    /// The chapter section that explains the rule, e.g. "Chapter 4, step 4: the gate".
    public let section: String?
    public let message: String?
    public let pointsEarned: Rational
    public let pointsPossible: Rational

    /// A check's points follow from its status: all of `pointsPossible` when passed, none otherwise.
    public init(
        id: String, title: String, status: CheckStatus, observed: String? = nil, expected: String? = nil,
        section: String? = nil, message: String? = nil, pointsPossible: Rational
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.observed = observed
        self.expected = expected
        self.section = section
        self.message = message
        self.pointsPossible = pointsPossible
        self.pointsEarned = status == .passed ? pointsPossible : .zero
    }
}
