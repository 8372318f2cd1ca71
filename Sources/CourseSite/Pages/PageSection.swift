/// A heading of a page and the prose under it: a line of the table of contents and an entry of
/// the search index.
struct PageSection: Sendable {
    var level: Int
    var title: String
    /// The heading's anchor (GitHub's slug).
    var anchor: String
    /// The section's prose as plain text (listings and transcripts left out).
    var text: String
}
