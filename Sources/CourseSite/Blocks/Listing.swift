/// A listing a chapter includes from the real sources, labelled with its file and the lines it
/// shows, and linked to that file's page in the site.
struct Listing {
    /// The course file, relative to the course root.
    var file: String
    var anchor: String?
    /// The file lines shown.
    var lines: ClosedRange<Int>
    var text: String
    var language: String

    func html(on page: SitePath) -> String {
        let target = page.link(to: .source(file), fragment: "L\(lines.lowerBound)-L\(lines.upperBound)")
        let range = lines.count == 1 ? "line \(lines.lowerBound)" : "lines \(lines.lowerBound)–\(lines.upperBound)"
        let anchorNote = anchor.map { " <span class=\"anchor-name\">(\(HTMLText.escape($0)))</span>" } ?? ""
        return """
        <figure class="listing" data-file="\(HTMLText.escape(file))" data-lines="\(lines.lowerBound)-\(lines.upperBound)">
        <figcaption><a href="\(HTMLText.escape(target))"><code>\(HTMLText.escape(file))</code>, \(range)</a>\(anchorNote)</figcaption>
        <pre><code class="language-\(language)">\(HTMLText.escape(text))</code></pre>
        </figure>
        """
    }
}
