// How the CLI shows a batch's progress: a line per finished submission off a terminal, a status
// line redrawn on one.
import Foundation
import Grader
import Testing

@Suite("Batch progress")
struct BatchProgressTests {
    let pass = GradebookRow(submission: "alice", verdict: "pass", score: "2.58", maximum: "2.58", scoreExact: "31/12",
                            maximumExact: "31/12", seed: "1", error: "", checks: [:])
    let broken = GradebookRow(submission: "bob\u{1B}[2J", verdict: "grader-failure", score: "", maximum: "2.58", scoreExact: "",
                              maximumExact: "31/12", seed: "1", error: "QEMU could not start", checks: [:])

    @Test("off a terminal: one plain line per finished submission, nothing redrawn")
    func plain() {
        var display = BatchProgressDisplay(isTerminal: false)
        let text = [
            display.text(for: .planned(total: 3, alreadyGraded: 1, jobs: 2)),
            display.text(for: .started(name: "alice")),
            display.text(for: .started(name: "bob")),
            display.text(for: .finished(done: 2, total: 3, row: pass)),
            display.text(for: .finished(done: 3, total: 3, row: broken)),
        ].joined()
        #expect(text == """
            grading 2 of 3 submissions, 2 at a time, 1 already in the gradebook
            [2/3] alice: pass, 2.58 of 2.58
            [3/3] bob\\u{1B}[2J: grader-failure (QEMU could not start)

            """, "a log gets whole lines; a name cannot drive the terminal")
    }

    @Test("on a terminal: the status line names what is being graded and is redrawn in place")
    func terminal() {
        var display = BatchProgressDisplay(isTerminal: true)
        _ = display.text(for: .planned(total: 2, alreadyGraded: 0, jobs: 2))
        #expect(display.text(for: .started(name: "alice")) == "\r\u{1B}[2K[0/2] grading alice")
        _ = display.text(for: .started(name: "carl"))
        #expect(display.text(for: .finished(done: 1, total: 2, row: pass))
                    == "\r\u{1B}[2K[1/2] alice: pass, 2.58 of 2.58\n[1/2] grading carl")
    }

    @Test("the reporter a batch calls writes what the display renders, and nothing for a silent event")
    func reporter() async throws {
        let written = Written()
        let report = BatchProgressDisplay.reporter(isTerminal: false) { written.append($0) }
        let batch = BatchGrader(grader: CannedGrader(), rubric: BatchFixture.rubric, output: BatchFixture.temporaryFolder(),
                                formats: [], jobs: 2, resume: false)
        _ = try await batch.run(BatchFixture.submissions(["full-a", "b"]), progress: report)
        let lines = written.all
        #expect(lines.first == "grading 2 of 2 submissions, 2 at a time\n")
        #expect(lines.dropFirst().sorted() == ["[1/2] b: fail, 0.33 of 2.58\n", "[2/2] full-a: pass, 2.58 of 2.58\n"]
                    || lines.dropFirst().sorted() == ["[1/2] full-a: pass, 2.58 of 2.58\n", "[2/2] b: fail, 0.33 of 2.58\n"],
                "one line per finished submission, counted k/n: \(lines)")
    }
}

final class Written: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}
