import Foundation

/// Every anchor defined in the course's sources and chapter programs: where it is, and its region.
struct AnchorInventory: Sendable {
    struct Anchor: Sendable, Hashable {
        /// Relative to the course root.
        var file: String
        var name: String
        /// 1-based line of `ANCHOR: name`.
        var line: Int
    }

    var anchors: [Anchor] = []

    /// A marker on a line of its own after a comment opener: `// ANCHOR: name`, `# ANCHOR: name`.
    static var marker: Regex<(Substring, Substring)> { #/^\s*(?://+|#|;|/\*)\s*ANCHOR:\s*([A-Za-z0-9_-]+)\s*(?:\*/)?\s*$/# }

    /// The files anchors may live in: text files under Sources/ and Chapters/.
    static func files(in course: Course) -> [URL] {
        [course.sourcesDirectory, course.chaptersDirectory].flatMap { folder -> [URL] in
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
            return enumerator.compactMap { $0 as? URL }
                .filter { ["swift", "S", "c", "h", "ld", "yml", "yaml"].contains($0.pathExtension) }
                .filter { !$0.path.contains("/.build/") }
        }.sorted { $0.path < $1.path }
    }

    init(course: Course) {
        for url in Self.files(in: course) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let file = course.relativePath(url)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let match = line.wholeMatch(of: Self.marker) {
                    anchors.append(Anchor(file: file, name: String(match.1), line: index + 1))
                }
            }
        }
    }

    /// The braces of a Swift or C region, outside comments and string literals: (opened, closed).
    static func braces(in region: String) -> (opened: Int, closed: Int) {
        var opened = 0, closed = 0
        for line in region.split(separator: "\n") {
            var inString = false
            var previous: Character = " "
            for character in line {
                if inString {
                    if character == "\"" && previous != "\\" { inString = false }
                } else if character == "\"" {
                    inString = true
                } else if character == "/" && previous == "/" {
                    break
                } else if character == "{" {
                    opened += 1
                } else if character == "}" {
                    closed += 1
                }
                previous = character
            }
        }
        return (opened, closed)
    }
}

extension Course {
    /// `url`'s path relative to the course root (or the whole path when outside it).
    public func relativePath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
