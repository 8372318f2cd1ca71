import Foundation
import PokdocKit

/// A ```` ```dot ```` block: drawn as SVG by Graphviz's `dot` when it is installed, else shown as a
/// readable list of its steps (the edges in the order written) with the source beneath.
public struct DotDiagram {
    var source: String

    /// Where `dot` is, if on PATH (the toolchain's lookup, as `pokdoc doctor` reports it).
    public static func locateDot() -> String? { Toolchain.locate().paths[.dot] }

    enum Failure: Error, CustomStringConvertible {
        case dot(status: Int32, message: String)
        var description: String {
            switch self {
            case .dot(let status, let message): "dot exited with status \(status): \(message)"
            }
        }
    }

    /// The SVG `dot` draws (without its XML prologue), or the error it gave.
    func svg(dot: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The source is small (it fits in the pipe), so writing it all before reading cannot stall.
        input.fileHandleForWriting.write(Data(source.utf8))
        try input.fileHandleForWriting.close()
        let drawn = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.dot(status: process.terminationStatus, message: String(decoding: message, as: UTF8.self))
        }
        let text = String(decoding: drawn, as: UTF8.self)
        return text.range(of: "<svg").map { String(text[$0.lowerBound...]) } ?? text
    }

    /// Node names to their labels, and the edges in the order written.
    var steps: [(from: String, to: String, label: String?)] {
        var labels: [String: String] = [:]
        for match in source.matches(of: #/(?m)^\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\[[^\]]*?\blabel\s*=\s*"((?:[^"\\]|\\.)*)"/#) {
            labels[String(match.1)] = Self.plain(String(match.2))
        }
        return source.matches(of: #/"?([A-Za-z_][A-Za-z0-9_]*)"?\s*->\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*(?:\[([^\]]*)\])?/#).map { match in
            let attributes = match.3.map(String.init) ?? ""
            let label = attributes.firstMatch(of: #/\blabel\s*=\s*"((?:[^"\\]|\\.)*)"/#).map { Self.plain(String($0.1)) }
            return (labels[String(match.1)] ?? String(match.1), labels[String(match.2)] ?? String(match.2), label)
        }
    }

    static func plain(_ label: String) -> String {
        label.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "\\l", with: " ")
            .replacingOccurrences(of: "\\\"", with: "\"")
    }

    /// The diagram as HTML: the drawing, or (without `dot`) its steps as a list.
    func html(dot: String?) -> (html: String, drawn: Bool, problem: String?) {
        let sourceBlock = "<details class=\"dot-source\"><summary>Graphviz source</summary><pre><code class=\"nohighlight\">\(HTMLText.escape(source))</code></pre></details>"
        var problem: String?
        if let dot {
            do {
                return ("<figure class=\"diagram\">\n\(try svg(dot: dot))\n\(sourceBlock)\n</figure>", true, nil)
            } catch {
                problem = "\(error)"
            }
        }
        let items = steps.map { step in
            "<li>\(HTMLText.escape(step.from)) → \(HTMLText.escape(step.to))" + (step.label.map { " <em>(\(HTMLText.escape($0)))</em>" } ?? "") + "</li>"
        }
        let why = problem.map { "Graphviz could not draw this diagram (\(HTMLText.escape($0)))" }
            ?? "Graphviz's <code>dot</code> is not installed (<code>apt-get install graphviz</code>), so this diagram is shown as its steps"
        return ("""
        <figure class="diagram diagram-fallback">
        <p class="fallback-note">\(why):</p>
        <ol>\(items.joined())</ol>
        \(sourceBlock)
        </figure>
        """, false, problem)
    }
}
