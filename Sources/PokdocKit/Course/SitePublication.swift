import Foundation
import Yams

/// Where the rendered course is published: `Chapters/site.yaml`'s `pages:` — the one place the
/// address is written. Each chapter's first line links to its page there (GitHub cannot resolve
/// includes), `pokdoc check` checks those links, and `pokdoc render` leaves the line out.
public struct SitePublication: Sendable, Equatable {
    /// The site's address, ending in `/`.
    public var pages: String

    public static let keys = ["pages"]

    /// The link a chapter's first line must hold.
    public func chapterURL(folder: String) -> String { pages + folder + ".html" }

    /// The line a chapter's Markdown begins with.
    public func chapterLine(folder: String) -> String {
        "> [Read this chapter rendered, with its listings and diagrams](\(chapterURL(folder: folder))) — GitHub cannot show its included listings."
    }
}

extension Course {
    public var siteFile: URL { chaptersDirectory.appendingPathComponent("site.yaml") }

    /// The course's publication settings; nil when it has no Chapters/site.yaml.
    public func publication() throws -> SitePublication? {
        guard let text = try? String(contentsOf: siteFile, encoding: .utf8) else { return nil }
        let file = relativePath(siteFile)
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ChapterError.badFrontMatter(file, "\(error)")
        }
        guard let mapping = node?.mapping else { throw ChapterError.frontMatter(file, line: 1, "expected a mapping with 'pages:'") }
        var pages: String?
        for (key, value) in mapping {
            let line = key.mark.map { $0.line } ?? 1
            guard let name = key.string, SitePublication.keys.contains(name) else {
                let nearest = key.string.flatMap { NearestName.nearest(to: $0, among: SitePublication.keys) }.map { "; did you mean '\($0)'?" } ?? ""
                throw ChapterError.frontMatter(file, line: line, "unknown key '\(key.string ?? "?")'\(nearest) (keys: \(SitePublication.keys.joined(separator: ", ")))")
            }
            guard let address = value.string, address.hasPrefix("https://") || address.hasPrefix("http://"), address.hasSuffix("/") else {
                throw ChapterError.frontMatter(file, line: value.mark.map { $0.line } ?? line, "pages: must be the site's address, http(s)://… ending in /")
            }
            pages = address
        }
        guard let pages else { throw ChapterError.frontMatter(file, line: 1, "missing key 'pages'") }
        return SitePublication(pages: pages)
    }

    /// The site's address (Chapters/site.yaml), or nil.
    public func pagesURL() throws -> String? { try publication()?.pages }
}
