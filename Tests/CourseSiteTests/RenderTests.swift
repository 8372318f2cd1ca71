// `pokdoc render` (SiteRenderer): each test names the mutant of the renderer it catches.
import Conformance
import Foundation
import Testing
@testable import CourseSite
@testable import PokdocKit

@Suite("pokdoc render — the course as a static site")
struct RenderTests {
    /// Every include of every chapter: (chapter page, include, chapter).
    static func includes() throws -> [(page: String, include: IncludeResolver.Include, chapter: Chapter)] {
        try SiteFixture.course.chapters().flatMap { chapter in
            IncludeResolver().includes(in: chapter.body, firstLine: chapter.bodyFirstLine).map {
                (chapter.directory.lastPathComponent + ".html", $0, chapter)
            }
        }
    }

    // Mutant: shownLines off by one (the marker line counted) — the data-lines differ.
    @Test("every listing is labelled with its file and the lines it shows, and shows exactly them")
    func listingsLabelled() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        var listings = 0
        for (page, include, chapter) in try Self.includes() where !include.path.hasSuffix(".txt") {
            let html = try site.page(page)
            if include.path.hasSuffix(".md") {
                // Generated Markdown (Chapter 5's tables) is rendered in place, as tables.
                let generated = try #require(html.components(separatedBy: "<div class=\"generated\" data-file=\"\(include.path)\">").dropFirst().first,
                                             "\(page): \(include.path) rendered in place")
                #expect(generated.contains("<table>"), "\(page): \(include.path)'s tables are HTML tables")
                continue
            }
            let url = chapter.directory.appendingPathComponent(include.path).standardizedFileURL
            let file = SiteFixture.course.relativePath(url)
            let whole = try String(contentsOf: url, encoding: .utf8)
            let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
            let range = try #require(IncludeResolver.shownLines(anchor: include.anchor, in: whole))
            // The label's lines are the file's: the first and last shown lines hold the listing's ends.
            let text = try IncludeResolver().contents(path: include.path, anchor: include.anchor, relativeTo: chapter.directory, file: page, line: include.line)
            let shownFirst = text.split(separator: "\n", omittingEmptySubsequences: false).first { !$0.allSatisfy(\.isWhitespace) }.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            #expect(lines[range.lowerBound - 1].contains(shownFirst) || shownFirst.isEmpty,
                    "\(page): \(file) \(range) must start at the listing's first line '\(shownFirst)'")
            #expect(html.contains("data-file=\"\(HTMLText.escape(file))\" data-lines=\"\(range.lowerBound)-\(range.upperBound)\""),
                    "\(page): the listing of \(file):\(include.anchor ?? "whole file") is labelled with lines \(range)")
            #expect(html.contains(">\(HTMLText.escape(text))</code></pre>"), "\(page): the listing of \(file):\(include.anchor ?? "") shows the region")
            #expect(html.contains("src/\(file).html#L\(range.lowerBound)-L\(range.upperBound)"), "\(page): the label links to the lines")
            listings += 1
        }
        #expect(listings > 40, "the chapters include \(listings) listings")
    }

    // Mutant: the transcript fenced as ordinary code (no terminal styling), or END lines unmarked.
    @Test("transcripts are terminal output, line for line, with the verdict lines marked")
    func transcriptsStyled() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        var transcripts = 0
        for (page, include, chapter) in try Self.includes() where include.path.hasSuffix(".txt") {
            let html = try site.page(page)
            let url = chapter.directory.appendingPathComponent(include.path).standardizedFileURL
            let text = try String(contentsOf: url, encoding: .utf8)
            let figure = try #require(html.components(separatedBy: "<figure class=\"transcript\" data-file=\"\(SiteFixture.course.relativePath(url))\">").dropFirst().first,
                                      "\(page): \(include.path) is a transcript figure")
            let terminal = try #require(figure.components(separatedBy: "</figure>").first?.components(separatedBy: "<pre class=\"terminal\">").last)
            for line in text.split(separator: "\n") {
                #expect(terminal.contains(HTMLText.escape(line)), "\(page): \(include.path) shows '\(line)'")
                if let mark = TranscriptBlock.mark(line) {
                    #expect(terminal.contains("<span class=\"verdict verdict-\(mark.rawValue)\">\(HTMLText.escape(line))</span>"),
                            "\(page): '\(line)' is marked \(mark.rawValue)")
                }
            }
            transcripts += 1
        }
        #expect(transcripts >= 8)
        let chapter1 = try site.page("01-boot-and-events.html")
        #expect(chapter1.contains("verdict verdict-fault\">POK FAULT"), "a fault line is marked")
        #expect(try site.page("02-syscall-gate.html").contains("verdict verdict-pass\">POK END &lt;nonce&gt; done"), "a clean end is marked pass")
    }

    // Mutant: includes left for the browser (GitHub's view), or the GitHub-only first line kept.
    @Test("no page shows a raw include or the chapter's link to itself")
    func noRawIncludes() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        for chapter in try SiteFixture.course.chapters() {
            let html = try site.page(chapter.directory.lastPathComponent + ".html")
            #expect(!html.contains("{{#include "), "\(chapter.directory.lastPathComponent): a raw include")
            #expect(!html.contains("Read this chapter rendered"), "\(chapter.directory.lastPathComponent): the GitHub-only first line")
        }
    }

    // Mutant: a link rewritten without the way up from src/ pages, or a listing label to a wrong line.
    @Test("every local link, script, stylesheet and fragment of every page resolves")
    func linksResolve() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        #expect(site.pages.count > 20)
        let broken = try site.pages.flatMap { try HTMLScan.brokenReferences(of: $0, in: site) }
        #expect(broken.isEmpty, "broken references:\n\(broken.prefix(20).joined(separator: "\n"))")
    }

    // Mutant: headings without ids, or slugs that differ from GitHub's (pokdoc check's).
    @Test("headings carry GitHub's anchors, so links into chapters work on the site as on GitHub")
    func headingAnchors() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        for chapter in try SiteFixture.course.chapters() {
            let ids = HTMLScan.ids(in: try site.page(chapter.directory.lastPathComponent + ".html"))
            for slug in MarkdownText.slugs(of: MarkdownText(chapter.body).headings) {
                #expect(ids.contains(slug), "\(chapter.directory.lastPathComponent): no anchor #\(slug)")
            }
        }
    }

    // Mutant: ```dot blocks left as code; or, without dot, nothing readable.
    @Test("Chapters 2 and 4 draw the path of a call with Graphviz, and without dot list its steps in order")
    func diagrams() throws {
        let dot = try #require(DotDiagram.locateDot(), "Graphviz's dot is needed: apt-get install graphviz")
        let drawn = try SiteFixture.render(renderer: { SiteRenderer(course: $0, dot: dot) })
        defer { drawn.remove() }
        for page in ["02-syscall-gate.html", "04-hypercall-gate.html"] {
            let html = try drawn.page(page)
            #expect(html.contains("<figure class=\"diagram\">\n<svg"), "\(page): a drawn diagram")
        }
        #expect(drawn.report.diagramsDrawn >= 2 && drawn.report.diagramsAsText == 0)

        let listed = try SiteFixture.render(renderer: { SiteRenderer(course: $0, dot: nil) })
        defer { listed.remove() }
        let chapter2 = try SiteFixture.course.chapter(2)
        let source = try #require(MarkdownText(chapter2.body).fences.first { $0.info == "dot" }).body.map(\.text).joined(separator: "\n")
        let steps = DotDiagram(source: source).steps
        #expect(steps.count >= 8, "the syscall's path has its steps: \(steps.count)")
        let html = try listed.page("02-syscall-gate.html")
        #expect(html.contains("diagram-fallback") && !html.contains("<svg"))
        let items = html.matches(of: #/<li>([^<]*) → /#).map { HTMLScan.unescape(String($0.1)) }
        #expect(Array(items.prefix(steps.count)) == steps.map(\.from), "the steps in the order written")
        #expect(listed.report.notes.contains { $0.contains("apt-get install graphviz") })
    }

    // Mutant: the ABI page typed by hand (or a profile left out).
    @Test("the ABI page holds every table of every conformance profile")
    func abiPage() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        let html = try site.page("abi.html")
        for profile in Profiles.all {
            #expect(html.contains(HTMLText.escape(profile.name)), "profile \(profile.name)")
            #expect(html.contains("\(profile.gate.vector) (0x"), "\(profile.name): the gate's vector")
            for call in profile.calls { #expect(html.contains(HTMLText.escape(call.pokName)), "\(profile.name): call \(call.pokName)") }
            for error in profile.errors { #expect(html.contains(HTMLText.escape(error.name)), "\(profile.name): error \(error.name)") }
            for rule in profile.rules { #expect(html.contains(HTMLText.escape(rule.id)), "\(profile.name): rule \(rule.id)") }
        }
        #expect(html.contains("<table>"), "GFM tables rendered as tables")
    }

    // Mutant: an index without a chapter, or sections without their anchors.
    @Test("the search index holds every section of every chapter, with its anchor")
    func searchIndex() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        let script = try String(contentsOf: site.folder.appendingPathComponent("assets/search-index.js"), encoding: .utf8)
        let json = try #require(script.firstRange(of: "= ").map { script[$0.upperBound...].dropLast(2) })
        struct Entry: Decodable { var page: String; var anchor: String; var title: String; var text: String }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(json.utf8))
        for chapter in try SiteFixture.course.chapters() {
            let page = chapter.directory.lastPathComponent + ".html"
            for slug in MarkdownText.slugs(of: MarkdownText(chapter.body).headings) {
                #expect(entries.contains { $0.page == page && $0.anchor == slug }, "\(page)#\(slug) is searchable")
            }
        }
        #expect(entries.contains { $0.page == "04-hypercall-gate.html" && $0.text.contains("copy and paste job") })
    }

    // Mutant: previous/next in the wrong order, or a chapter missing from the contents.
    @Test("every page lists every chapter; chapters link to their neighbours")
    func navigation() throws {
        let site = try SiteFixture.render()
        defer { site.remove() }
        let pages = try SiteFixture.course.chapters().map { $0.directory.lastPathComponent + ".html" }
        for (position, page) in pages.enumerated() {
            let html = try site.page(page)
            for other in pages { #expect(html.contains("href=\"\(other)\""), "\(page) lists \(other)") }
            if position > 0 { #expect(html.contains("rel=\"prev\" href=\"\(pages[position - 1])\""), "\(page): previous") }
            if position + 1 < pages.count { #expect(html.contains("rel=\"next\" href=\"\(pages[position + 1])\""), "\(page): next") }
        }
        #expect(try site.page("src/Sources/Kernel/Core/Syscall.swift.html").contains("href=\"../../../../02-syscall-gate.html\""))
    }

    // Mutant: prepare() that empties any folder it is given.
    @Test("--out: a folder that is not a site is refused and kept; a site is replaced; the course is refused")
    func outputFolder() throws {
        let folder = SiteFixture.temporaryFolder("foreign")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keep = folder.appendingPathComponent("thesis.tex")
        try Data("mine".utf8).write(to: keep)
        #expect(throws: SiteOutputFolder.Refused.self) { try SiteRenderer(course: SiteFixture.course).render(to: folder) }
        #expect(FileManager.default.fileExists(atPath: keep.path), "nothing of the user's is deleted")

        let site = try SiteFixture.render()
        defer { site.remove() }
        let stale = site.folder.appendingPathComponent("stale.html")
        try Data("old".utf8).write(to: stale)
        _ = try SiteRenderer(course: SiteFixture.course).render(to: site.folder)
        #expect(!FileManager.default.fileExists(atPath: stale.path), "a previous site is replaced")

        #expect(throws: SiteOutputFolder.Refused.self) { try SiteRenderer(course: SiteFixture.course).render(to: SiteFixture.root) }
        #expect(throws: SiteOutputFolder.Refused.self) {
            try SiteRenderer(course: SiteFixture.course).render(to: SiteFixture.root.appendingPathComponent("Chapters/site"))
        }
    }

    // Mutant: an include that does not resolve rendered as an empty listing.
    @Test("a broken include stops the render, naming chapter.md and its real line")
    func brokenInclude() throws {
        let file = "Chapters/02-syscall-gate/chapter.md"
        let course = try SiteFixture.courseCopy(editing: file) { $0.replacingOccurrences(of: ":core-syscall}}", with: ":core-syscal}}") }
        defer { try? FileManager.default.removeItem(at: course.root) }
        let text = try String(contentsOf: course.root.appendingPathComponent(file), encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(":core-syscal}}") }) + 1
        let out = SiteFixture.temporaryFolder("broken")
        defer { try? FileManager.default.removeItem(at: out) }
        do {
            _ = try SiteRenderer(course: course).render(to: out)
            Issue.record("the render must fail")
        } catch let error as IncludeResolver.Unresolved {
            #expect(error.file.hasSuffix(file) && error.line == line, "\(error)")
            #expect(error.reason.contains("did you mean 'core-syscall'"))
        }
        #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written when a chapter is broken")
    }

    // Mutant: the template always loading highlight.min.js (a missing script: an error in the browser).
    @Test("without highlight.js the pages do not ask for it, and the render says so")
    func withoutHighlightJS() throws {
        let site = try SiteFixture.render(renderer: { SiteRenderer(course: $0, highlightJS: nil) })
        defer { site.remove() }
        #expect(!(try site.page("02-syscall-gate.html")).contains("highlight.min.js"))
        #expect(site.report.notes.contains { $0.contains("apt-get install libjs-highlight.js") })
        let broken = try site.pages.flatMap { try HTMLScan.brokenReferences(of: $0, in: site) }
        #expect(broken.isEmpty, "\(broken.prefix(5))")
    }

    // Mutant: site.yaml read leniently (a typo'd key silently ignored).
    @Test("Chapters/site.yaml: an unknown key is an error at its line, with the nearest key")
    func siteSettings() throws {
        let course = try SiteFixture.courseCopy(editing: "Chapters/site.yaml") { $0.replacingOccurrences(of: "pages:", with: "page:") }
        defer { try? FileManager.default.removeItem(at: course.root) }
        #expect(throws: ChapterError.self) { try course.publication() }
        do { _ = try course.publication() } catch {
            #expect("\(error)".contains("Chapters/site.yaml:4: unknown key 'page'; did you mean 'pages'?"), "\(error)")
        }
        #expect(try SiteFixture.course.pagesURL() == "https://pok-swift.github.io/pok-swift/")
    }
}
