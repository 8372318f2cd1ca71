import Foundation

/// A course file as a page: its lines numbered, each number a link (`#L12`), a range (`#L12-L30`,
/// the target of a listing's label) marked by page.js.
struct SourcePage {
    var file: String
    var text: String
    /// The chapters whose listings show this file.
    var shownIn: [(page: SitePath, title: String)]

    var page: SitePath { .source(file) }

    var body: String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let count = text.hasSuffix("\n") ? lines.count - 1 : lines.count
        let gutter = (1...max(count, 1)).map { "<a id=\"L\($0)\" href=\"#L\($0)\">\($0)</a>" }.joined(separator: "\n")
        let code = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let language = HighlightLanguage.forFile(file)
        let shown = shownIn.isEmpty ? "" : "<p class=\"shown-in\">Shown in " + shownIn.map {
            "<a href=\"\(page.link(to: $0.page))\">\(HTMLText.escape($0.title))</a>"
        }.joined(separator: ", ") + ".</p>"
        return """
        <h1 class="source-title"><code>\(HTMLText.escape(file))</code></h1>
        \(shown)
        <div class="source-file" data-lines="\(count)"><pre class="gutter" aria-hidden="true">\(gutter)</pre><pre class="source-code"><code class="language-\(language)">\(HTMLText.escape(code))</code></pre><div class="line-mark" hidden></div></div>
        """
    }
}
