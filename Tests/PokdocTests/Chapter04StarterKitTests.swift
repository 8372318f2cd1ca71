import Foundation
import Subprocess
import Testing
@testable import PokdocKit

@Suite("Chapter 4 — the student kit")
struct Chapter04StarterKit {
    @Test("solution markers: balanced regions strip to a TODO naming the step plus the ELSE lines")
    func stripping() throws {
        let text = """
        func f() -> Int {
            // SOLUTION-BEGIN step=3 title="The gate"
            return 42
            // SOLUTION-ELSE
            // return 0
            // SOLUTION-END
        }
        """
        let student = try SolutionMarkers.strip(text, file: "f.swift", chapter: 4, chapterFile: "Chapters/04/chapter.md")
        #expect(!student.contains("return 42"))
        #expect(student.contains("    return 0"))
        #expect(student.contains("// TODO(Chapter 4, step 3: The gate): write this part"))
        #expect(try SolutionMarkers.regions(in: text, file: "f.swift") == [.init(step: 3, title: "The gate", begin: 2, end: 6)])
    }

    @Test("malformed markers are precise errors", arguments: [
        ("// SOLUTION-BEGIN step=1 title=\"a\"\nx", "never closed"),
        ("// SOLUTION-END", "without SOLUTION-BEGIN"),
        ("// SOLUTION-BEGIN\n// SOLUTION-END", "needs step=N"),
        ("// SOLUTION-BEGIN step=1 title=\"a\"\n// SOLUTION-BEGIN step=2 title=\"b\"", "inside the region"),
    ])
    func malformed(_ text: String, _ reason: String) {
        do {
            _ = try SolutionMarkers.regions(in: text, file: "x.swift")
            Issue.record("accepted malformed markers: \(text)")
        } catch let error as SolutionMarkers.MalformedMarkers {
            #expect(error.reason.contains(reason), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("the kit leaves no solution, keeps every stub compilable, and leaves out instructor tests")
    func kitContents() throws {
        let kit = FileManager.default.temporaryDirectory.appendingPathComponent("pok-kit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: kit) }
        let report = try StarterKit(course: CourseFixture.course).write(to: kit)
        let manifest = try AssignmentManifest.load(try CourseFixture.course.chapter(4))
        #expect(Set(report.strippedFiles) == Set(manifest.editable))
        #expect(report.regions >= 5)
        let gate = try String(contentsOf: kit.appendingPathComponent("Sources/Kernel/Arch/X86/Hypercalls.swift"), encoding: .utf8)
        #expect(!gate.contains("SoftInterruptCall.decode"), "the kit still holds the reference gate")
        #expect(gate.contains("TODO(Chapter 4, step 3: The gate)"))
        for file in manifest.instructorOnly ?? [] {
            #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent(file).path), "\(file) is instructor-only")
        }
        #expect(throws: StarterError.self) { _ = try StarterKit(course: CourseFixture.course).write(to: kit) }
    }

    @Test("in the kit, chapters 1–3 still pass on metal and Chapter 4 fails naming its steps")
    func kitOnMetal() async throws {
        try requireQEMU()
        let kit = FileManager.default.temporaryDirectory.appendingPathComponent("pok-kit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: kit) }
        _ = try StarterKit(course: CourseFixture.course).write(to: kit)
        let course = Course(root: kit)
        for number in 1...3 {
            let chapter = try course.chapter(number)
            for scenario in chapter.scenarios {
                let outcome = await ScenarioRunner(course: course).run(scenario, of: chapter)
                #expect(outcome.passed, "kit: chapter \(number) scenario \(scenario.name) must pass: \(outcome.problems)")
            }
        }
        let chapter4 = try course.chapter(4)
        let testHypercall = await ScenarioRunner(course: course).run(try chapter4.scenario(named: "test-hypercall"), of: chapter4)
        #expect(!testHypercall.passed, "kit: testHypercall must fail before the student writes the gate")
        // The probe traps with a raw `int $45`: without step 2 there is no gate, and the
        // explanation points into Chapter 4.
        let outcome = await ScenarioRunner(course: course).run(try chapter4.scenario(named: "hypercall-probe"), of: chapter4)
        #expect(!outcome.passed, "kit: the probe must fail before the student writes the gate")
        #expect(outcome.faultExplanations.contains { $0.contains("`int $45`") && $0.contains("see Chapter 4") },
                "the kit's failure should explain the missing gate: \(outcome.faultExplanations) \(outcome.problems)")
    }

    /// The whole promise, with SwiftPM: the kit builds, its Chapter 1–3 host tests pass and its
    /// Chapter 4 host tests fail with messages naming the steps. Slow (a second package build).
    @Test("in the kit, swift build works, Chapter 1–3 host tests pass and Chapter 4's fail by step")
    func kitWithSwiftPM() async throws {
        let kit = FileManager.default.temporaryDirectory.appendingPathComponent("pok-kit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: kit) }
        _ = try StarterKit(course: CourseFixture.course).write(to: kit)
        let course = Course(root: kit)
        let earlier = try await HostTestRun.run(course: course, filter: "Chapter0[123]", skip: "Scenarios")
        #expect(earlier.problem == nil, "kit: \(earlier.problem ?? "")")
        #expect(!earlier.tests.isEmpty)
        for test in earlier.tests where !test.passed {
            Issue.record("kit: \(test.name) must pass before Chapter 4 is written: \(test.message)")
        }
        let chapter4 = try await HostTestRun.run(course: course, filter: "Chapter04", skip: "Scenarios|Mistakes|StarterKit")
        let failing = chapter4.tests.filter { !$0.passed }
        #expect(!failing.isEmpty, "kit: Chapter 4's host tests must fail before the student writes anything")
        for test in failing {
            #expect(test.message.contains("Step "), "kit: \(test.name) should name its step: \(test.message)")
        }
    }
}
