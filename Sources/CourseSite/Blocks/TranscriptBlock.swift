/// A real QEMU transcript a chapter shows, styled as terminal output, with the lines that say how
/// the run ended marked: the kernel's end line, a fault, a partition stopped.
struct TranscriptBlock {
    /// The transcript file, relative to the course root.
    var file: String
    var text: String
    /// The scenario that records it (`transcript: true`), when one does.
    var scenario: String?

    enum Mark: String {
        case pass, fail, fault
    }

    /// How a line of the transcript is marked, if it is a verdict line.
    static func mark(_ line: Substring) -> Mark? {
        if line.hasPrefix("POK END ") { return line.hasSuffix(" done") ? .pass : .fail }
        if line.hasPrefix("POK FAULT ") || line.contains(" stopped by #") { return .fault }
        if line.hasPrefix("verdict: ") { return line.hasPrefix("verdict: pass") ? .pass : .fail }
        if line.hasPrefix("error:") || line.contains(": error:") { return .fail }
        return nil
    }

    func html(on page: SitePath) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard let mark = Self.mark(line) else { return HTMLText.escape(line) }
            return "<span class=\"verdict verdict-\(mark.rawValue)\">\(HTMLText.escape(line))</span>"
        }
        let origin = scenario.map { "scenario <code>\(HTMLText.escape($0))</code>, a real QEMU run (compared with a fresh one by <code>pokdoc check</code>)" }
            ?? "real output"
        return """
        <figure class="transcript" data-file="\(HTMLText.escape(file))">
        <figcaption><span class="terminal-title">\(origin)</span> — <a href="\(HTMLText.escape(page.link(to: .source(file))))"><code>\(HTMLText.escape(file))</code></a></figcaption>
        <pre class="terminal"><code class="nohighlight">\(lines.joined(separator: "\n"))</code></pre>
        </figure>
        """
    }
}
