import Foundation
import Testing
@testable import PokdocKit

// Chapter 5's cost table is `pokdoc bench hypercalls`'s output. Its instruction column is
// deterministic (-icount), so it is checked against a fresh run here; the wall-time column is a
// recorded measurement and is not compared.
@Suite("Chapter 5 — the round-trip cost table")
struct Chapter05Benchmark {
    static let table = CourseFixture.course.root.appendingPathComponent("Chapters/05-real-hypervisors/generated/hypercall-costs.md")

    // Mutant caught: a kernel change that adds instructions to a gate (e.g. an extra pass over the
    // hypercall table) without regenerating the table; a number edited by hand.
    @Test("each mechanism's guest instructions per round trip are what a fresh -icount run measures")
    func instructionsMatch() async throws {
        let shown = HypercallBenchmark.instructionColumn(of: try String(contentsOf: Self.table, encoding: .utf8))
        let benchmark = HypercallBenchmark(course: CourseFixture.course, runs: 1)
        for mechanism in HypercallBenchmark.mechanisms {
            let measured = String(format: "%.1f", try await benchmark.instructionsPerCall(mechanism))
            #expect(shown[mechanism.entry] == measured,
                    "\(mechanism.entry): the chapter's table says \(shown[mechanism.entry] ?? "nothing"), a run measures \(measured): run `swift run pokdoc bench hypercalls --output Chapters/05-real-hypervisors/generated/hypercall-costs.md`")
        }
    }

    @Test("the chapter includes the table")
    func included() throws {
        let chapter = try String(contentsOf: Self.table.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("chapter.md"), encoding: .utf8)
        #expect(chapter.contains("{{#include generated/hypercall-costs.md}}"))
    }

    // Mutant caught: a parser that accepts a report whose calls took fewer ticks than the baseline
    // (a negative cost) or a count of zero.
    @Test("a bench report line is read exactly, and anything else is refused")
    func reportLine() {
        let report = HypercallBenchmark.Report(line: "bench: int42 count 100 baseline 3200 calls 99200")
        #expect(report?.instructionsPerCall(shift: 5) == 30)
        for bad in ["bench: int42 count 0 baseline 1 calls 2", "bench: int42 count 10 baseline 9 calls 2",
                    "bench: int42 count ten baseline 1 calls 2", "bench: int42 count 10 baseline 1", "probe: ok"] {
            #expect(HypercallBenchmark.Report(line: bad) == nil, "\(bad)")
        }
    }
}
