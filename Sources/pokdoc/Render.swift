import ArgumentParser
import CourseSite
import Foundation
import PokdocKit

/// `pokdoc render`: the course as a static site (CourseSite.SiteRenderer).
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the course as a static site that needs no network to read.",
        discussion: """
        Writes a page a chapter (listings labelled with their file and lines, real QEMU transcripts, \\
        Graphviz diagrams), a page for each course file the chapters show, the ABI reference, search, \\
        and highlight.js. --out must be new, empty, or a site pokdoc rendered before (it is replaced). \\
        Open DIR/index.html in a browser, or use pokdoc serve.
        """)

    @OptionGroup var courseOptions: CourseOptions
    @Option(name: .long, help: "Where to write the site (default: .build/site in the course).")
    var out: String?

    func run() throws {
        let course = try courseOptions.locate()
        let folder = out.map { URL(fileURLWithPath: $0) } ?? course.root.appendingPathComponent(".build/site")
        let report = try SiteRenderer(course: course).render(to: folder)
        for note in report.notes { printError("note: \(note)") }
        print("rendered \(report.pages.count) pages into \(folder.standardizedFileURL.path) (\(report.diagramsDrawn) diagrams drawn, \(report.diagramsAsText) as text; highlighting \(report.highlighted ? "on" : "off"))")
        print("open \(folder.appendingPathComponent("index.html").standardizedFileURL.path)")
    }
}
