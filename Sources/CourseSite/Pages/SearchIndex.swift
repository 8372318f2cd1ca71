import Foundation

/// The client-side search's index: every section of every page, as a script (a JSON array
/// assigned to `window.POK_SEARCH_INDEX`), so search works from `file://` too, where a page may
/// not fetch a JSON file.
struct SearchIndex {
    struct Entry: Encodable {
        /// The page.
        var page: String
        var anchor: String
        /// "Chapter title › section title".
        var title: String
        var text: String
    }

    var entries: [Entry] = []

    mutating func add(page: SitePath, pageTitle: String, sections: [PageSection]) {
        for section in sections {
            let title = section.level == 1 ? section.title : "\(pageTitle) › \(section.title)"
            let text = section.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            entries.append(Entry(page: page.path, anchor: section.anchor, title: title, text: text))
        }
    }

    var script: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        // `</` cannot end the script early: JSON allows `<\/`.
        return "window.POK_SEARCH_INDEX = " + json.replacingOccurrences(of: "</", with: "<\\/") + ";\n"
    }
}
