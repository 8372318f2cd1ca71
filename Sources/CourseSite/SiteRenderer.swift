import Foundation
import PokdocKit

/// `pokdoc render`: the course as a static site that needs no network — a page a chapter, a page
/// for every course file a chapter shows or links, the ABI reference, the search page and index,
/// the stylesheet and scripts (Sources/CourseSite/Assets) and highlight.js (Debian's
/// libjs-highlight.js), copied in. No QEMU runs: transcripts are the recorded ones, which
/// `pokdoc check` compares with fresh runs.
public struct SiteRenderer: Sendable {
    public var course: Course
    /// Graphviz's `dot`, when installed; without it diagrams are shown as their steps.
    public var dot: String?
    /// Debian's highlight.js folder; without it listings are shown uncoloured.
    public var highlightJS: URL?

    public static let debianHighlightJS = URL(fileURLWithPath: "/usr/share/javascript/highlight.js")
    /// The highlight.js theme the site uses.
    static let highlightTheme = "github.css"

    public init(course: Course, dot: String? = DotDiagram.locateDot(),
                highlightJS: URL? = FileManager.default.fileExists(atPath: SiteRenderer.debianHighlightJS.appendingPathComponent("highlight.min.js").path) ? SiteRenderer.debianHighlightJS : nil) {
        self.course = course
        self.dot = dot
        self.highlightJS = highlightJS
    }

    /// What a render wrote.
    public struct Report: Sendable {
        public var pages: [String] = []
        public var diagramsDrawn = 0
        public var diagramsAsText = 0
        public var highlighted = false
        public var notes: [String] = []
    }

    public enum RenderError: Error, CustomStringConvertible {
        case missingAsset(String)
        public var description: String {
            switch self {
            case .missingAsset(let path): "the site's asset \(path) is missing from the course; restore it (git checkout -- \(path))"
            }
        }
    }

    /// The site's own assets, in the course (Sources/CourseSite/Assets).
    public static let assetNames = ["site.css", "page.js", "search.js"]

    /// Renders every chapter into `folder` (see SiteOutputFolder for what it may replace).
    public func render(to folder: URL) throws -> Report {
        let chapters = try course.chapters()
        var chapterPages: [String: SitePath] = [:]
        for chapter in chapters {
            chapterPages[chapter.directory.standardizedFileURL.path] = .chapter(folder: chapter.directory.lastPathComponent)
        }
        let context = ChapterPage.Context(course: course, chapterPages: chapterPages, pagesURL: try course.pagesURL(), dot: dot)
        let rendered = try chapters.map { try ChapterPage(chapter: $0, context: context) }
        let assets = course.root.appendingPathComponent("Sources/CourseSite/Assets")
        for name in Self.assetNames where !FileManager.default.fileExists(atPath: assets.appendingPathComponent(name).path) {
            throw RenderError.missingAsset("Sources/CourseSite/Assets/\(name)")
        }

        try SiteOutputFolder.prepare(folder, course: course)
        var report = Report()
        func write(_ text: String, to page: SitePath) throws {
            let url = folder.appendingPathComponent(page.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            report.pages.append(page.path)
        }

        let template = PageTemplate(
            chapters: rendered.map { .init(page: $0.page, number: $0.chapter.number, title: $0.chapter.title, sections: $0.sections) },
            highlighting: highlightJS != nil)
        var index = SearchIndex()
        var shownIn: [String: [(page: SitePath, title: String)]] = [:]
        for page in rendered {
            let title = "\(page.chapter.number). \(page.chapter.title)"
            try write(template.html(page: page.page, title: title, body: page.bodyHTML), to: page.page)
            index.add(page: page.page, pageTitle: title, sections: page.sections)
            for file in page.sourceFiles { shownIn[file, default: []].append((page.page, title)) }
            report.diagramsDrawn += page.diagramsDrawn
            report.diagramsAsText += page.diagramsAsText
            report.notes += page.notes
        }
        for (file, chapters) in shownIn.sorted(by: { $0.key < $1.key }) {
            let text = (try? String(contentsOf: course.root.appendingPathComponent(file), encoding: .utf8)) ?? ""
            let source = SourcePage(file: file, text: text, shownIn: chapters)
            try write(template.html(page: source.page, title: file, body: source.body), to: source.page)
        }
        let abi = AbiPage()
        try write(template.html(page: .abi, title: AbiPage.title, body: abi.bodyHTML), to: .abi)
        index.add(page: .abi, pageTitle: AbiPage.title, sections: abi.sections)
        try write(template.html(page: .index, title: "Contents", body: contentsBody(template)), to: .index)
        try write(template.html(page: .search, title: "Search", body: Self.searchBody, scripts: ["assets/search-index.js", "assets/search.js"]), to: .search)
        try write(index.script, to: .asset("search-index.js"))

        for name in Self.assetNames {
            try FileManager.default.copyItem(at: assets.appendingPathComponent(name), to: folder.appendingPathComponent("assets/" + name))
        }
        if let highlightJS {
            try FileManager.default.copyItem(at: highlightJS.appendingPathComponent("highlight.min.js"), to: folder.appendingPathComponent("assets/highlight.min.js"))
            try FileManager.default.copyItem(at: highlightJS.appendingPathComponent("styles/" + Self.highlightTheme), to: folder.appendingPathComponent("assets/highlight.css"))
            report.highlighted = true
        } else {
            report.notes.append("highlight.js is not installed (apt-get install libjs-highlight.js): listings are shown uncoloured")
        }
        if dot == nil, report.diagramsAsText > 0 {
            report.notes.append("Graphviz is not installed (apt-get install graphviz): \(report.diagramsAsText) diagram(s) shown as their steps")
        }
        return report
    }

    func contentsBody(_ template: PageTemplate) -> String {
        var html = """
        <h1>\(PageTemplate.courseTitle): the syscall gate, then the hypercall gate</h1>
        <p class="lead">A literate, test-first teaching kernel in Swift, modelled on POK. Every listing is the
        real source, labelled with its file and lines; every terminal transcript is a real QEMU run that
        <code>pokdoc check</code> compares with a fresh one.</p>
        <ol class="contents">

        """
        for entry in template.chapters {
            html += "<li value=\"\(entry.number)\"><a href=\"\(entry.page.path)\">\(HTMLText.escape(entry.title))</a>"
            let sections = entry.sections.filter { $0.level == 2 }
            if !sections.isEmpty {
                html += "<ul>" + sections.map { "<li><a href=\"\(entry.page.path)#\(HTMLText.escape($0.anchor))\">\(HTMLText.escape($0.title))</a></li>" }.joined() + "</ul>"
            }
            html += "</li>\n"
        }
        html += """
        </ol>
        <p><a href="abi.html">ABI reference</a>: every table of the syscall and hypercall ABI, generated from the conformance spec.
        <a href="search.html">Search</a> finds a word in any chapter.</p>
        """
        return html
    }

    static let searchBody = """
    <h1>Search</h1>
    <form class="search-page-form" role="search" action="search.html"><input id="search-input" type="search" name="q" placeholder="Words to find, e.g. nargs" aria-label="Words to find" autofocus></form>
    <p id="search-summary" aria-live="polite"></p>
    <ol id="search-results"></ol>
    <noscript><p>Search needs JavaScript; the <a href="index.html">contents</a> list every section.</p></noscript>
    """
}
