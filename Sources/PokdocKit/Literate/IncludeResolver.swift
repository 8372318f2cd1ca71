import Foundation

/// Resolves mdBook-style includes in chapter Markdown, so every listing is the real source:
///
///     {{#include ../../Sources/Kernel/Arch/X86/IDT.swift:idt-init}}   lines between
///                                                                     `ANCHOR: idt-init` and
///                                                                     `ANCHOR_END: idt-init`
///     {{#include transcripts/boots-and-ticks.txt}}                    the whole file
///
/// Paths are relative to the chapter's folder. Anchor comment lines inside an included region
/// are dropped, and the region is dedented.
public struct IncludeResolver: Sendable {
    public struct Include: Sendable, Equatable {
        public var path: String
        public var anchor: String?
        /// 1-based line in the chapter Markdown.
        public var line: Int
    }

    public struct Unresolved: Error, CustomStringConvertible, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    public init() {}

    public static var pattern: Regex<(Substring, Substring, Substring?)> { #/\{\{#include\s+([^}:\s]+)(?::([A-Za-z0-9_-]+))?\s*\}\}/#  }

    /// Every include in `markdown`, in order; `firstLine` is the file's line of the text's first
    /// line (a chapter's body starts after its front matter).
    public func includes(in markdown: String, firstLine: Int = 1) -> [Include] {
        var found: [Include] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in line.matches(of: Self.pattern) {
                found.append(Include(path: String(match.1), anchor: match.2.map(String.init), line: index + firstLine))
            }
        }
        return found
    }

    /// A chapter's body with every include replaced; an error names chapter.md and its real line.
    public func resolve(_ chapter: Chapter) throws -> String {
        try resolve(chapter.body, relativeTo: chapter.directory, file: chapter.markdownFile.path, firstLine: chapter.bodyFirstLine)
    }

    /// The Markdown with every include replaced, or the first include that cannot be resolved.
    /// `firstLine` is the file's line of the text's first line.
    public func resolve(_ markdown: String, relativeTo directory: URL, file: String, firstLine: Int = 1) throws -> String {
        var output: [String] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = String(line)
            for match in line.matches(of: Self.pattern) {
                let content = try contents(
                    path: String(match.1), anchor: match.2.map(String.init),
                    relativeTo: directory, file: file, line: index + firstLine)
                text = text.replacingOccurrences(of: String(match.0), with: content)
            }
            output.append(text)
        }
        return output.joined(separator: "\n")
    }

    public func contents(path: String, anchor: String?, relativeTo directory: URL, file: String, line: Int) throws -> String {
        let url = directory.appendingPathComponent(path).standardizedFileURL
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Unresolved(file: file, line: line, reason: "cannot include \(path): there is no such file (looked for \(url.path))")
        }
        guard let anchor else {
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
        guard let region = Self.region(named: anchor, in: text) else {
            let known = Self.anchors(in: text)
            let nearest = NearestName.nearest(to: anchor, among: known).map { "; did you mean '\($0)'?" } ?? "; it has no anchors"
            throw Unresolved(file: file, line: line, reason: "\(path) has no region 'ANCHOR: \(anchor)' … 'ANCHOR_END: \(anchor)'\(nearest)")
        }
        return region
    }

    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`, without nested anchor lines, dedented.
    public static func region(named name: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { isMarker($0, "ANCHOR", name) }),
              let end = lines[(start + 1)...].firstIndex(where: { isMarker($0, "ANCHOR_END", name) })
        else { return nil }
        let body = lines[(start + 1)..<end].filter { !$0.contains("ANCHOR:") && !$0.contains("ANCHOR_END:") }
        let indent = body.filter { !$0.allSatisfy(\.isWhitespace) }
            .map { $0.prefix(while: { $0 == " " }).count }
            .min() ?? 0
        return body.map { $0.count >= indent ? String($0.dropFirst(indent)) : "" }.joined(separator: "\n")
    }

    /// The file lines (1-based) an include shows: those between the anchor's markers, or the whole
    /// file without an anchor; nil when the anchor is not there. Listings are labelled with these.
    public static func shownLines(anchor: String?, in text: String) -> ClosedRange<Int>? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let anchor else {
            let count = text.hasSuffix("\n") ? lines.count - 1 : lines.count
            return 1...max(count, 1)
        }
        guard let start = lines.firstIndex(where: { isMarker($0, "ANCHOR", anchor) }),
              let end = lines[(start + 1)...].firstIndex(where: { isMarker($0, "ANCHOR_END", anchor) }),
              end > start + 1
        else { return nil }
        return (start + 2)...end
    }

    static func isMarker(_ line: Substring, _ keyword: String, _ name: String) -> Bool {
        guard let range = line.range(of: keyword + ":") else { return false }
        return line[range.upperBound...].trimmingCharacters(in: .whitespaces) == name
    }

    /// Every anchor name defined in a source file.
    public static func anchors(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "ANCHOR:") else { return nil }
            return line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        }
    }
}
