// The grade's verdict words are the QEMU runner's (docs/ARCHITECTURE.md, "Verdicts"), written
// twice because Grading does not depend on PokdocKit; this test ties the two lists.
import Grading
import PokdocKit
import Testing

@Suite("GradeVerdict")
struct GradeVerdictTests {
    @Test("GradeVerdict has exactly the runner's verdict words, in order")
    func sameWords() {
        #expect(GradeVerdict.allCases.map(\.rawValue) == Verdict.allCases.map(\.rawValue),
                "Grading's GradeVerdict must list PokdocKit's Verdict words (Verdict.swift)")
    }
}
