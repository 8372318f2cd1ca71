// Submission names and the file names of their reports (docs/grading.md, "Grading a class locally").
import Foundation
import Grader
import Testing

@Suite("Batch names")
struct BatchNamesTests {
    @Test("a submission's name is its folder or archive name without .zip, .tar.gz or .tgz")
    func names() {
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/alice/")) == "alice")
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/alice.zip")) == "alice")
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/alice.tar.gz")) == "alice")
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/alice.TGZ")) == "alice")
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/alice.v2")) == "alice.v2", "only archive suffixes go")
        #expect(SubmissionName.of(URL(fileURLWithPath: "/x/.zip")) == nil)
    }

    @Test("file stems are safe (no separator, no leading dot) and distinct for distinct names")
    func stems() {
        let names = ["alice", "a.b", "a%2Eb", "a/b", "..", ".hidden", "al ice", "al_ice", "Zoë", "x.gradescope"]
        let stems = names.map(SubmissionName.fileStem)
        #expect(Set(stems).count == names.count, "two names never share a stem: \(stems)")
        for stem in stems {
            #expect(!stem.contains("/") && !stem.contains(".") && !stem.isEmpty, "\(stem): no separator, no dot")
        }
        #expect(SubmissionName.fileStem("alice") == "alice" && SubmissionName.fileStem("a.b") == "a%2Eb")
        // With no dot in a stem, one submission's reports never take another's file name.
        let files = names.flatMap { name in ReportFormat.allCases.map { SubmissionName.fileStem(name) + $0.fileSuffix } }
        #expect(Set(files).count == files.count)
    }
}
