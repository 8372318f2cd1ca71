import Foundation
@testable import CourseSite
import PokdocKit

/// The course this test bundle belongs to, and sites rendered from it into temporary folders.
enum SiteFixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let course = Course(root: root)

    /// A new folder under the system's temporary folder; the caller removes it.
    static func temporaryFolder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pok-site-\(name)-\(UUID().uuidString.prefix(8))")
    }

    /// A copy of the course (what the renderer reads) with `edit` applied to one file.
    static func courseCopy(editing file: String? = nil, _ edit: (String) -> String = { $0 }) throws -> Course {
        let copy = temporaryFolder("course")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for item in ["Package.swift", "Sources", "Chapters", "docs", "README.md"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        if let file {
            let url = copy.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            let changed = edit(text)
            precondition(changed != text, "the edit did not apply to \(file)")
            try changed.write(to: url, atomically: true, encoding: .utf8)
        }
        return Course(root: copy)
    }

    /// A rendered site: its folder and the renderer's report.
    struct Site {
        var folder: URL
        var report: SiteRenderer.Report

        func page(_ path: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        }

        /// Every HTML page, relative to the site's root.
        var pages: [String] {
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
            return (enumerator?.compactMap { $0 as? URL } ?? [])
                .filter { $0.pathExtension == "html" }
                .map { String($0.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)) }
                .sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    static func render(_ course: Course = course, renderer: (Course) -> SiteRenderer = { SiteRenderer(course: $0) }) throws -> Site {
        let folder = temporaryFolder("out")
        let report = try renderer(course).render(to: folder)
        return Site(folder: folder, report: report)
    }
}

/// The parts of the site's own HTML the tests read (the renderer writes it, so its shape is known).
enum HTMLScan {
    /// Every `href` and `src` value, unescaped.
    static func references(in html: String) -> [String] {
        html.matches(of: #/\b(?:href|src)="([^"]*)"/#).map { unescape(String($0.1)) }
    }

    /// Every `id` value.
    static func ids(in html: String) -> Set<String> {
        Set(html.matches(of: #/\bid="([^"]*)"/#).map { unescape(String($0.1)) })
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The local references of `page` that do not resolve: a missing file, or a fragment no
    /// element of the target has. Web addresses are not followed (the site needs no network).
    static func brokenReferences(of page: String, in site: SiteFixture.Site) throws -> [String] {
        try brokenReferences(in: try site.page(page), of: page, in: site)
    }

    /// The same, for `html` as a browser holds it for `page` (its DOM after the scripts ran).
    static func brokenReferences(in html: String, of page: String, in site: SiteFixture.Site) throws -> [String] {
        let directory = site.folder.appendingPathComponent(page).deletingLastPathComponent()
        var broken: [String] = []
        for reference in references(in: html) {
            if reference.contains("://") || reference.hasPrefix("mailto:") || reference.hasPrefix("data:") { continue }
            let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var path = parts[0]
            if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
            let target = path.isEmpty ? site.folder.appendingPathComponent(page) : directory.appendingPathComponent(path).standardizedFileURL
            guard FileManager.default.fileExists(atPath: target.path) else {
                broken.append("\(page): \(reference) (no file \(target.path))")
                continue
            }
            if parts.count > 1, !parts[1].isEmpty, target.pathExtension == "html" {
                let fragment = parts[1]
                let ids = ids(in: try String(contentsOf: target, encoding: .utf8))
                // A source page's range #L12-L30 names two line anchors.
                let names = fragment.wholeMatch(of: #/L(\d+)-L(\d+)/#).map { ["L\($0.1)", "L\($0.2)"] } ?? [fragment]
                for name in names where !ids.contains(name) {
                    broken.append("\(page): \(reference) (no id '\(name)' in \(target.lastPathComponent))")
                }
            }
        }
        return broken
    }
}
