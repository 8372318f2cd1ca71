// The course's GitHub workflow (.github/workflows/ci.yml): a fork runs exactly what CI runs here,
// `.ci/run` (the README's two commands), with the course's Swift release.
import Foundation
import Grader
import PokdocKit
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

@Suite("Course Pages workflow")
struct CoursePagesWorkflowTests {
    static let file = GraderFixture.course.root.appendingPathComponent(".github/workflows/pages.yml")

    // Mutants: a workflow that uploads a folder it did not render, forgets a package the render
    // needs, or builds with another Swift.
    @Test("it renders the course with pokdoc render and publishes that folder, with the packages rendering needs")
    func rendersAndPublishes() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let root = try #require(try Yams.compose(yaml: text), ".github/workflows/pages.yml is a YAML document")
        #expect(root["on"]?["push"]?["branches"]?.sequence?.first?.string == "main", "published from main")
        let job = try #require(root["jobs"]?["render"], "a job named render")
        let steps = job["steps"]?.sequence.map(Array.init) ?? []
        let runs = steps.compactMap { $0["run"]?.string }.joined(separator: "\n")
        let out = try #require(runs.firstMatch(of: #/pokdoc render --out (\S+)/#).map { String($0.1) }, "a step runs pokdoc render --out DIR")
        let upload = steps.first { $0["uses"]?.string?.hasPrefix("actions/upload-pages-artifact") == true }
        #expect(upload?["with"]?["path"]?.string == out, "the folder published is the folder rendered (\(out))")
        #expect(runs.contains("pokdoc check"), "the course is checked before it is published")
        let installed = Set(runs.split(whereSeparator: \.isWhitespace).map(String.init))
        for package in DebianPackage.required where ![DebianPackage.qemu, .bubblewrap].contains(package) {
            #expect(installed.contains(package.name), "pages.yml installs \(package.name) (DebianPackage.required)")
        }
        #expect(job["env"]?["SWIFT_VERSION"]?.string == GradescopeBundle.swiftVersion, "the course's one Swift release")
        #expect(root["jobs"]?["deploy"]?["steps"]?.sequence?.first?["uses"]?.string?.hasPrefix("actions/deploy-pages") == true)
    }
}
