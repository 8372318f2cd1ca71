import Foundation

/// GitHub's anchor for a heading, the one `pokdoc check` checks links against and `pokdoc render`
/// gives its headings: lower case, punctuation dropped (but `-` and `_`), spaces to hyphens; a
/// repeated heading gets `-1`, `-2`, … in document order.
public struct HeadingSlugger: Sendable {
    private var seen: [String: Int] = [:]

    public init() {}

    /// The anchor of the next heading whose words are `heading` (Markdown code ticks ignored).
    public mutating func slug(_ heading: String) -> String {
        var slug = ""
        for character in heading.replacingOccurrences(of: "`", with: "").lowercased() {
            if character.isLetter || character.isNumber || character == "-" || character == "_" {
                slug.append(character)
            } else if character == " " {
                slug.append("-")
            }
        }
        if let count = seen[slug] {
            seen[slug] = count + 1
            return "\(slug)-\(count + 1)"
        }
        seen[slug] = 0
        return slug
    }
}
