import CCmarkGFM
import Foundation
import PokdocKit

/// One chapter as a page body: its Markdown rendered by cmark-gfm, each include replaced by a
/// listing labelled with its file and lines (or a styled transcript), each ```` ```dot ```` block
/// drawn, each heading given GitHub's anchor, each link to another chapter or course file pointed
/// at its page in the site. The chapter's first line, the link to its rendered page that GitHub
/// readers need, is left out.
struct ChapterPage {
    var chapter: Chapter
    var page: SitePath
    var bodyHTML: String
    var sections: [PageSection]
    /// Course files (relative to the root) the page links to; each gets a source page.
    var sourceFiles: Set<String>
    var diagramsDrawn = 0
    var diagramsAsText = 0
    /// What a reader of the report should know (a diagram dot could not draw).
    var notes: [String] = []

    struct Context {
        var course: Course
        /// Chapter folders (absolute, standardized) to their pages.
        var chapterPages: [String: SitePath]
        /// Where the site is published (a chapter's first line links there).
        var pagesURL: String?
        /// `dot`, when Graphviz is installed.
        var dot: String?
    }

    init(chapter: Chapter, context: Context) throws {
        self.chapter = chapter
        let page = SitePath.chapter(folder: chapter.directory.lastPathComponent)
        self.page = page
        let course = context.course
        let markdownFile = course.relativePath(chapter.markdownFile)
        let lineOffset = chapter.bodyFirstLine - 1
        let resolver = IncludeResolver()
        let document = CommonMarkDocument(markdown: chapter.body)
        var sourceFiles = Set<String>()
        var slugs: [OpaquePointer: String] = [:]
        var slugger = HeadingSlugger()
        var drawn = 0, asText = 0
        var notes: [String] = []

        if let pagesURL = context.pagesURL, let first = document.blocks.first,
           document.nodes.contains(where: { $0.type == CMARK_NODE_LINK && $0.url.hasPrefix(pagesURL) && Self.isInside($0, first) }) {
            document.remove(first)
        }

        var generated: [(CommonMarkDocument.Node, String)] = []
        for node in document.nodes {
            switch node.type {
            case CMARK_NODE_CODE_BLOCK:
                let literal = node.literal
                let info = node.fenceInfo.trimmingCharacters(in: .whitespaces)
                if info == "dot" {
                    let diagram = DotDiagram(source: literal).html(dot: context.dot)
                    if diagram.drawn { drawn += 1 } else { asText += 1 }
                    if let problem = diagram.problem { notes.append("\(markdownFile):\(node.startLine + lineOffset): \(problem)") }
                    document.replace(node, withHTML: diagram.html)
                    continue
                }
                // The code's first line is the line after the opening fence.
                let firstLine = node.startLine + lineOffset + 1
                let includes = resolver.includes(in: literal, firstLine: firstLine)
                if includes.count == 1, let include = includes.first,
                   literal.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: IncludeResolver.pattern) != nil {
                    let url = chapter.directory.appendingPathComponent(include.path).standardizedFileURL
                    let file = course.relativePath(url)
                    let text = try resolver.contents(path: include.path, anchor: include.anchor, relativeTo: chapter.directory,
                                                     file: markdownFile, line: include.line)
                    sourceFiles.insert(file)
                    if include.path.hasSuffix(".txt") {
                        let scenario = chapter.scenarios.first { scenario in
                            (scenario.transcriptFile ?? "transcripts/\(scenario.name).txt") == include.path
                        }?.name
                        document.replace(node, withHTML: TranscriptBlock(file: file, text: text, scenario: scenario).html(on: page))
                    } else {
                        let whole = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                        let lines = IncludeResolver.shownLines(anchor: include.anchor, in: whole) ?? 1...1
                        let listing = Listing(file: file, anchor: include.anchor, lines: lines, text: text,
                                              language: HighlightLanguage.forFile(file))
                        document.replace(node, withHTML: listing.html(on: page))
                    }
                } else {
                    let text = includes.isEmpty ? literal
                        : try resolver.resolve(literal, relativeTo: chapter.directory, file: markdownFile, firstLine: firstLine)
                    let code = text.hasSuffix("\n") ? String(text.dropLast()) : text
                    document.replace(node, withHTML: "<pre><code class=\"language-\(HighlightLanguage.forFence(info))\">\(HTMLText.escape(code))</code></pre>")
                }
            case CMARK_NODE_PARAGRAPH:
                // A paragraph that is only an include of Markdown (generated tables): rendered in place.
                let text = node.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.wholeMatch(of: IncludeResolver.pattern) != nil,
                      let include = resolver.includes(in: text, firstLine: node.startLine + lineOffset).first,
                      include.path.hasSuffix(".md") else { break }
                let markdown = try resolver.contents(path: include.path, anchor: include.anchor, relativeTo: chapter.directory,
                                                     file: markdownFile, line: include.line)
                let included = CommonMarkDocument(markdown: markdown)
                for heading in included.nodes where heading.type == CMARK_NODE_HEADING {
                    included.anchor(heading, with: &slugger)
                }
                sourceFiles.insert(course.relativePath(chapter.directory.appendingPathComponent(include.path).standardizedFileURL))
                // Replaced after the walk: the paragraph's own children are still ahead in `nodes`.
                generated.append((node, "<div class=\"generated\" data-file=\"\(HTMLText.escape(include.path))\">\n\(included.html)</div>"))
            case CMARK_NODE_HEADING:
                slugs[node.pointer] = document.anchor(node, with: &slugger)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if let target = Self.rewrite(node.url, from: chapter.directory, on: page, context: context, sourceFiles: &sourceFiles) {
                    node.setURL(target)
                }
            default:
                break
            }
        }

        for (node, html) in generated { document.replace(node, withHTML: html) }

        let sections = document.sections(anchors: slugs)
        self.bodyHTML = document.html
        self.sections = sections
        self.sourceFiles = sourceFiles
        self.diagramsDrawn = drawn
        self.diagramsAsText = asText
        self.notes = notes
    }

    /// True when `node` lies inside `block`.
    static func isInside(_ node: CommonMarkDocument.Node, _ block: CommonMarkDocument.Node) -> Bool {
        var current: OpaquePointer? = node.pointer
        while let pointer = current {
            if pointer == block.pointer { return true }
            current = cmark_node_parent(pointer)
        }
        return false
    }

    /// A relative link's target in the site: another chapter's page, or a course file's page.
    /// Nil leaves the link as written (a web address, a fragment, something outside the course).
    static func rewrite(_ url: String, from directory: URL, on page: SitePath, context: Context,
                        sourceFiles: inout Set<String>) -> String? {
        guard !url.isEmpty, !url.hasPrefix("#"), !url.contains("://"), !url.hasPrefix("mailto:") else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count > 1 ? String(parts[1]) : nil
        let target = directory.appendingPathComponent(String(parts[0])).standardizedFileURL
        if target.lastPathComponent == "chapter.md",
           let chapterPage = context.chapterPages[target.deletingLastPathComponent().standardizedFileURL.path] {
            return page.link(to: chapterPage, fragment: fragment)
        }
        var isDirectory: ObjCBool = false
        guard target.path.hasPrefix(context.course.root.path + "/"),
              FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        let file = context.course.relativePath(target)
        sourceFiles.insert(file)
        return page.link(to: .source(file), fragment: fragment)
    }
}
