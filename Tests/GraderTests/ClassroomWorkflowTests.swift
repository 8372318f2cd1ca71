// The kit's GitHub Classroom workflow (docs/grading.md, "On GitHub Classroom"): shipped by
// `pokdoc starter`, valid YAML, grading with `pokdoc grade` and failing below full marks.
import Foundation
import Grader
import PokdocKit
import Testing
import Yams

@Suite("Classroom workflow")
struct ClassroomWorkflowTests {
    static let chapterFile = GraderFixture.course.chaptersDirectory.appendingPathComponent("04-hypercall-gate/kit-classroom.yml")

    func workflow() throws -> Node {
        let text = try String(contentsOf: Self.chapterFile, encoding: .utf8)
        return try #require(try Yams.compose(yaml: text), "kit-classroom.yml is a YAML document")
    }

    func steps(_ root: Node) throws -> [Node] {
        try #require(root["jobs"]?["grade"]?["steps"]?.sequence.map(Array.init), "jobs.grade.steps is a list")
    }

    @Test("pokdoc starter writes it to .github/workflows/classroom.yml in the kit")
    func shippedInTheKit() throws {
        let kit = BatchFixture.temporaryFolder().appendingPathComponent("kit")
        _ = try StarterKit(course: GraderFixture.course).write(to: kit)
        let shipped = kit.appendingPathComponent(StarterKit.classroomWorkflowPath)
        #expect(StarterKit.classroomWorkflowPath == ".github/workflows/classroom.yml", "where GitHub looks for workflows")
        #expect(try String(contentsOf: shipped, encoding: .utf8) == String(contentsOf: Self.chapterFile, encoding: .utf8),
                "the kit carries Chapter 4's kit-classroom.yml (assignment.yaml, classroomWorkflow)")
    }

    @Test("it runs on push, and its grading step runs pokdoc grade into JUnit and may fail the job")
    func gradesOnPush() throws {
        let root = try workflow()
        let on = try #require(root["on"], "a trigger")
        #expect(on["push"] != nil, "graded on every push")
        let runs = try steps(root).compactMap { step in step["run"]?.string.map { (step, $0) } }
        let grading = try #require(runs.first { $0.1.contains("swift run pokdoc grade . ") && $0.1.contains("--format junit --output grade.xml") },
                                   "a step runs swift run pokdoc grade . --format junit --output grade.xml")
        #expect(grading.0["continue-on-error"] == nil, "the grading step's exit code (1 below full marks) fails the job")
    }

    @Test("it installs DebianPackage.required and the course's Swift release")
    func installs() throws {
        let root = try workflow()
        let lines = try steps(root).compactMap { $0["run"]?.string }.flatMap { $0.split(separator: "\n") }
        let install = try #require(lines.first { $0.contains("apt-get install -y") }, "an apt-get install line")
        let names = install.split(separator: " ").drop { $0 != "-y" }.dropFirst().map(String.init)
        #expect(names == DebianPackage.required.map(\.name), "the workflow installs the course's one list, DebianPackage.required")
        #expect(root["jobs"]?["grade"]?["env"]?["SWIFT_VERSION"]?.string == GradescopeBundle.swiftVersion,
                "the same Swift release as the Gradescope bundle")
    }
}
