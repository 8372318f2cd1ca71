import Foundation
import PokdocKit
import CCmarkGFM

/// A Markdown text parsed by cmark-gfm, GitHub's own CommonMark implementation, with the
/// extensions GitHub turns on (tables, strikethrough, autolinks, task lists, the tag filter), so
/// a chapter renders here as it does on GitHub. The tree may be edited (a node replaced by HTML,
/// a link's target changed) before it is rendered.
final class CommonMarkDocument {
    /// The GFM extensions, by their cmark-gfm names.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
    /// Raw HTML is kept: the renderer puts its own listings, transcripts and diagrams in the tree
    /// as HTML blocks (the chapters are the course's own text, not a visitor's).
    static let options = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES

    private let parser: OpaquePointer
    let root: OpaquePointer

    /// A node of the tree; valid while its document lives.
    struct Node {
        let pointer: OpaquePointer
        var type: cmark_node_type { cmark_node_get_type(pointer) }
        var literal: String { cmark_node_get_literal(pointer).map { String(cString: $0) } ?? "" }
        var fenceInfo: String { cmark_node_get_fence_info(pointer).map { String(cString: $0) } ?? "" }
        var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }
        var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
        /// The line of the parsed text the node starts on (1-based).
        var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
        var isTopLevel: Bool { cmark_node_parent(pointer).map { cmark_node_get_type($0) == CMARK_NODE_DOCUMENT } ?? false }

        /// The text of the node and its descendants, without markup (a heading's words).
        var plainText: String {
            var text = ""
            let iterator = cmark_iter_new(pointer)
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER {
                    text += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                }
            }
            return text
        }

        func setURL(_ url: String) { cmark_node_set_url(pointer, url) }
    }

    /// cmark-gfm registers its extensions in a global list with no lock: once per process, under
    /// Swift's once-only initialisation, so renders on several threads never race on it.
    private static let extensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    init(markdown: String) {
        Self.extensionsRegistered
        let parser = cmark_parser_new(Self.options)!
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        self.parser = parser
        root = cmark_parser_finish(parser)
    }

    deinit {
        cmark_node_free(root)
        cmark_parser_free(parser)
    }

    /// Every node of the tree, in document order (collected first, so the caller may edit).
    var nodes: [Node] {
        var found: [Node] = []
        let iterator = cmark_iter_new(root)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            if cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                found.append(Node(pointer: node))
            }
        }
        return found
    }

    /// The top-level blocks, in order.
    var blocks: [Node] {
        var found: [Node] = []
        var next = cmark_node_first_child(root)
        while let node = next {
            found.append(Node(pointer: node))
            next = cmark_node_next(node)
        }
        return found
    }

    /// Puts `html` (a block of the page's own HTML) where `node` was.
    func replace(_ node: Node, withHTML html: String) {
        let block = cmark_node_new(CMARK_NODE_HTML_BLOCK)
        cmark_node_set_literal(block, html)
        cmark_node_replace(node.pointer, block)
        cmark_node_free(node.pointer)
    }

    /// Removes `node` from the tree.
    func remove(_ node: Node) {
        cmark_node_unlink(node.pointer)
        cmark_node_free(node.pointer)
    }

    /// Adds inline HTML as the first child of `node` (a heading's anchor).
    func prepend(inlineHTML html: String, to node: Node) {
        let inline = cmark_node_new(CMARK_NODE_HTML_INLINE)
        cmark_node_set_literal(inline, html)
        cmark_node_prepend_child(node.pointer, inline)
    }

    /// Gives `heading` GitHub's anchor (the next slug of `slugger`), as a link before its words.
    @discardableResult
    func anchor(_ heading: Node, with slugger: inout HeadingSlugger) -> String {
        let slug = slugger.slug(heading.plainText)
        prepend(inlineHTML: "<a class=\"heading-anchor\" id=\"\(HTMLText.escape(slug))\" href=\"#\(HTMLText.escape(slug))\" aria-label=\"link to this section\"></a>", to: heading)
        return slug
    }

    /// The top-level headings that have an anchor in `anchors`, each with the prose beneath it
    /// (HTML blocks — listings, transcripts, diagrams — left out): the contents and the search index.
    func sections(anchors: [OpaquePointer: String]) -> [PageSection] {
        var sections: [PageSection] = []
        for block in blocks {
            if block.type == CMARK_NODE_HEADING, let slug = anchors[block.pointer] {
                sections.append(PageSection(level: block.headingLevel, title: block.plainText, anchor: slug, text: ""))
            } else if !sections.isEmpty, block.type != CMARK_NODE_HTML_BLOCK {
                sections[sections.count - 1].text += plainText(of: block) + " "
            }
        }
        return sections
    }

    /// The tree as HTML, GitHub's way.
    var html: String { render { cmark_render_html($0, Self.options, cmark_parser_get_syntax_extensions(parser)) } }

    /// One node as plain text (for the search index).
    func plainText(of node: Node) -> String { render(node.pointer) { cmark_render_plaintext($0, Self.options, 0) } }

    private func render(_ node: OpaquePointer? = nil, _ body: (OpaquePointer) -> UnsafeMutablePointer<CChar>?) -> String {
        guard let text = body(node ?? root) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}
