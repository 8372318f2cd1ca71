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
}
