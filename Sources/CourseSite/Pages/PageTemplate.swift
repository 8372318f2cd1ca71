/// The frame every page shares: the course's bar with its search box, the table of contents
/// (every chapter; the current one opened to its sections), previous/next links, and the assets.
struct PageTemplate {
    /// A chapter as the table of contents lists it.
    struct Entry {
        var page: SitePath
        var number: Int
        var title: String
        var sections: [PageSection]
    }

    var chapters: [Entry]
    /// highlight.js was copied into the site.
    var highlighting: Bool

    static let courseTitle = "pok-swift"

    func html(page: SitePath, title: String, body: String, scripts: [String] = []) -> String {
        let up = page.toRoot
        let position = chapters.firstIndex { $0.page == page }
        var toc = "<li class=\"toc-home\(page == .index ? " current" : "")\"><a href=\"\(up)index.html\">Contents</a></li>\n"
        for entry in chapters {
            let current = entry.page == page
            toc += "<li class=\"toc-chapter\(current ? " current" : "")\"><a href=\"\(page.link(to: entry.page))\"\(current ? " aria-current=\"page\"" : "")><span class=\"toc-number\">\(entry.number).</span> \(HTMLText.escape(entry.title))</a>"
            if current {
                let subsections = entry.sections.filter { $0.level == 2 }
                if !subsections.isEmpty {
                    toc += "<ol class=\"toc-sections\">" + subsections.map { "<li><a href=\"#\(HTMLText.escape($0.anchor))\">\(HTMLText.escape($0.title))</a></li>" }.joined() + "</ol>"
                }
            }
            toc += "</li>\n"
        }
        toc += "<li class=\"toc-extra\(page == .abi ? " current" : "")\"><a href=\"\(page.link(to: .abi))\">ABI reference</a></li>\n"
        toc += "<li class=\"toc-extra\(page == .search ? " current" : "")\"><a href=\"\(page.link(to: .search))\">Search</a></li>\n"

        var neighbours = ""
        if let position {
            let previous = position > 0 ? chapters[position - 1] : nil
            let next = position + 1 < chapters.count ? chapters[position + 1] : nil
            let previousLink = previous.map { "<a class=\"previous\" rel=\"prev\" href=\"\(page.link(to: $0.page))\">← \($0.number). \(HTMLText.escape($0.title))</a>" }
                ?? "<a class=\"previous\" rel=\"prev\" href=\"\(page.link(to: .index))\">← Contents</a>"
            let nextLink = next.map { "<a class=\"next\" rel=\"next\" href=\"\(page.link(to: $0.page))\">\($0.number). \(HTMLText.escape($0.title)) →</a>" }
                ?? "<a class=\"next\" rel=\"next\" href=\"\(page.link(to: .abi))\">ABI reference →</a>"
            neighbours = "<nav class=\"chapter-nav\" aria-label=\"Previous and next chapter\">\(previousLink)\(nextLink)</nav>"
        }
        let highlight = highlighting
            ? "<link rel=\"stylesheet\" href=\"\(up)assets/highlight.css\">\n<script src=\"\(up)assets/highlight.min.js\" defer></script>\n"
            : ""
        let extraScripts = scripts.map { "<script src=\"\(up)\($0)\" defer></script>\n" }.joined()
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title)) — \(Self.courseTitle)</title>
        <link rel="stylesheet" href="\(up)assets/site.css">
        \(highlight)<script src="\(up)assets/page.js" defer></script>
        \(extraScripts)</head>
        <body>
        <header class="topbar">
        <button class="menu-toggle" type="button" aria-controls="sidebar" aria-expanded="false">☰ Contents</button>
        <a class="course-title" href="\(up)index.html">\(Self.courseTitle)</a>
        <form class="search-form" action="\(up)search.html" role="search"><input type="search" name="q" placeholder="Search the course" aria-label="Search the course"></form>
        </header>
        <div class="layout">
        <nav id="sidebar" class="sidebar" aria-label="Table of contents"><ol class="toc">
        \(toc)</ol></nav>
        <main id="content">
        \(neighbours)
        <article>
        \(body)
        </article>
        \(neighbours)
        </main>
        </div>
        </body>
        </html>

        """
    }
}
