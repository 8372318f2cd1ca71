// The course's GitHub workflow (.github/workflows/ci.yml): a fork runs exactly what CI runs here,
// `.ci/run` (the README's two commands), with the course's Swift release.
import Foundation
import Grader
import Testing
import Yams

@Suite("Course CI workflow")
struct CourseCIWorkflowTests {
    static let file = GraderFixture.course.root.appendingPathComponent(".github/workflows/ci.yml")

    @Test("it runs .ci/run on push and pull request, with the Gradescope bundle's Swift release, within 90 minutes")
    func runsTheREADMECommands() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text), ".github/workflows/ci.yml is a YAML document")
        #expect(root["on"]?["push"] != nil && root["on"]?["pull_request"] != nil, "CI runs on every push and pull request")
        let job = try #require(root["jobs"]?["test"], "a job named test")
        let runs = (job["steps"]?.sequence.map(Array.init) ?? []).compactMap { $0["run"]?.string }
        #expect(runs.contains { $0.contains("bash .ci/run") }, "a step runs .ci/run, the README's two commands: \(runs)")
        #expect(job["env"]?["SWIFT_VERSION"]?.string == GradescopeBundle.swiftVersion, "the course's one Swift release")
        let minutes = job["timeout-minutes"]?.int ?? 0
        #expect(minutes > 0 && minutes <= 90, "a CI run over 90 minutes does not land: timeout-minutes \(minutes)")
    }
}
