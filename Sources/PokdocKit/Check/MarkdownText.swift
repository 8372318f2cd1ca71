import Foundation

/// The parts of a Markdown text `pokdoc check` reads: fenced code blocks, links and headings, each
/// with its real line. Lines inside fences are neither links nor headings.
struct MarkdownText: Sendable {
    struct Fence: Sendable {
        /// The file line of the opening fence.
        var line: Int
        var info: String
        /// The lines between the fences, each with its file line.
        var body: [(line: Int, text: String)]
    }

    struct Link: Sendable {
        var line: Int
        var target: String
    }

    var fences: [Fence] = []
    var links: [Link] = []
    var headings: [String] = []

    static var linkPattern: Regex<(Substring, Substring)> { #/\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/# }

    init(_ text: String, firstLine: Int = 1) {
        var open: Fence?
        var fenceMarker = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + firstLine
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if var fence = open {
                if trimmed.hasPrefix(fenceMarker) && trimmed.allSatisfy({ $0 == fenceMarker.first }) {
                    fences.append(fence)
                    open = nil
                } else {
                    fence.body.append((line, String(raw)))
                    open = fence
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fenceMarker = String(trimmed.prefix { $0 == trimmed.first })
                open = Fence(line: line, info: String(trimmed.dropFirst(fenceMarker.count)).trimmingCharacters(in: .whitespaces), body: [])
                continue
            }
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                if level <= 6, trimmed.dropFirst(level).first == " " {
                    headings.append(String(trimmed.dropFirst(level)).trimmingCharacters(in: .whitespaces))
                }
            }
            // Links outside inline code spans.
            let withoutCode = raw.split(separator: "`", omittingEmptySubsequences: false)
                .enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
            for match in withoutCode.matches(of: Self.linkPattern) {
                links.append(Link(line: line, target: String(match.1)))
            }
        }
    }

    /// The anchors of `headings` (HeadingSlugger).
    static func slugs(of headings: [String]) -> Set<String> {
        var slugger = HeadingSlugger()
        return Set(headings.map { slugger.slug($0) })
    }
}
