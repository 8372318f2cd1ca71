// How Chapter 5's grader describes a check that is no rule of a conformance profile.

/// What a check is, in the report: a title, the rule in words, the chapter section it depends on.
struct CheckDescription: Sendable {
    var title: String
    /// The rule, as a report's `expected` says it when the judgement does not say more.
    var expected: String?
    var section: String
    init(_ title: String, _ expected: String?, _ section: String) {
        self.title = title
        self.expected = expected
        self.section = section
    }
}
