/// One checkable statement of a profile. Its `id` is stable: the grader's checks and failure
/// messages name it, so an ID is never reused for a different statement.
public struct Rule: Codable, Sendable, Equatable {
    /// Dotted, lower case, e.g. "hypercall.gate.descriptor".
    public var id: String
    public var title: String
    public var statement: String
    /// Where the course teaches it: "Chapter N, 'Section title'".
    public var chapterSection: String

    public init(id: String, title: String, statement: String, chapterSection: String) {
        self.id = id
        self.title = title
        self.statement = statement
        self.chapterSection = chapterSection
    }
}
