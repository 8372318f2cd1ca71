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
        let second = try AssignmentManifest.load(try CourseFixture.course.chapter(5))
        #expect(Set(report.strippedFiles) == Set(manifest.editable + second.editable), "the kit strips both assignments' files")
        #expect(report.regions >= 5)
        let gate = try String(contentsOf: kit.appendingPathComponent("Sources/Kernel/Arch/X86/Hypercalls.swift"), encoding: .utf8)
        #expect(!gate.contains("SoftInterruptCall.decode"), "the kit still holds the reference gate")
        #expect(gate.contains("TODO(Chapter 4, step 4: The gate)"))
        for file in manifest.instructorOnly ?? [] {
            #expect(!FileManager.default.fileExists(atPath: kit.appendingPathComponent(file).path), "\(file) is instructor-only")
        }
        // The kit's README describes the kit: its steps and files, and nothing it does not ship.
        let readme = try String(contentsOf: kit.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.hasPrefix("# pok-swift — the hypercall-gate kit"), "the kit's README must be the kit's, not the course's")
        for file in manifest.editable + second.editable {
            #expect(readme.contains(file), "the kit's README must list the editable file \(file)")
        }
        for file in manifest.instructorOnly ?? [] {
            let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent.replacingOccurrences(of: "Tests", with: "")
            #expect(!readme.contains(name), "the kit's README mentions \(name), which the kit does not ship")
        }
        for step in 1...6 {
            #expect(readme.contains("| \(step) |"), "the kit's README must describe step \(step)")
        }
        #expect(throws: StarterError.self) { _ = try StarterKit(course: CourseFixture.course).write(to: kit) }
    }

    /// The kit's whole promise, step by step, in one scratch copy with incremental builds: the
    /// reference's steps are applied in order (kit, kit+1, kit+1…2, …, the reference), and after
    /// step k exactly the host tests and probe checks of steps ≤ k pass, every later one fails
    /// naming its own step (or the earlier step it needs), and the stub of step k+1 says on the
    /// console that it is not written yet. Chapters 1–3 pass in the untouched kit.
    @Test("the kit, step by step: after step k exactly the checks of steps ≤ k pass")
    func stepByStep() async throws {
        try requireQEMU()
        let kit = FileManager.default.temporaryDirectory.appendingPathComponent("pok-kit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: kit) }
        let reference = StarterKit(course: CourseFixture.course)
        _ = try reference.write(to: kit)
        let course = Course(root: kit)
        let referenceChapter = try CourseFixture.course.chapter(4)
        let manifest = try AssignmentManifest.load(referenceChapter)
        let chapter = try course.chapter(4)
        let probe = try chapter.scenario(named: "hypercall-probe")
        let declared = try #require(probe.checks)
        let stepPattern = #/step (\d+)/#

        for k in 0...6 {
            if k > 0 { try reference.applySteps(Set(1...k), of: referenceChapter, manifest, to: kit) }
            let after = k == 0 ? "in the untouched kit" : "after step \(k)"

            // Host tests: Chapter 4's step suites (and, in the untouched kit, Chapters 1–3).
            let host = try await HostTestRun.run(course: course, filter: k == 0 ? "Chapter0[123]|Chapter04Step" : "Chapter04Step", skip: "Scenarios")
            #expect(host.problem == nil, "\(after): \(host.problem ?? "")")
            var stepsSeen = Set<Int>()
            for test in host.tests {
                guard test.name.hasPrefix("Chapter 4 — step") else {
                    #expect(test.passed, "\(after): \(test.name) must pass before Chapter 4 is written: \(test.message)")
                    continue
                }
                let step = try #require(test.name.firstMatch(of: stepPattern).flatMap { Int($0.1) }, "\(test.name) names no step")
                stepsSeen.insert(step)
                if step <= k {
                    #expect(test.passed, "\(after): \(test.name) (step \(step)) must pass: \(test.message)")
                } else {
                    #expect(!test.passed, "\(after): \(test.name) (step \(step)) passed on a stub")
                    #expect(test.message.contains("Step \(step)"), "\(after): \(test.name) must fail naming Step \(step): \(test.message)")
                }
            }
            #expect(stepsSeen == Set(1...6), "\(after): every step needs host tests; seen \(stepsSeen.sorted())")

            // The probe under QEMU, with the step each check belongs to.
            let outcome = await ScenarioRunner(course: course).run(probe, of: chapter)
            let transcript = outcome.run?.transcript ?? []
            let checks = ProbeChecks(declared: declared, transcript: transcript)
            for check in checks.checks {
                switch (check.step <= k, check.status) {
                case (true, .ok), (false, .failed), (false, .notReported):
                    break
                case (false, .notRun(let needs)):
                    #expect(needs > k && needs < check.step, "\(after): '\(check.name)' says it needs step \(needs)")
                case (true, let status):
                    Issue.record("\(after): probe check '\(check.name)' must pass, got \(status)")
                case (false, .ok):
                    Issue.record("\(after): probe check '\(check.name)' passed on a stub")
                }
            }
            if k < 2 {
                #expect(outcome.faultExplanations.contains { $0.contains("`int $45`") && $0.contains("Chapter 4") },
                        "\(after): the probe's first int $45 must fault and be explained: \(outcome.faultExplanations) \(outcome.problems)")
            }
            #expect(outcome.passed == (k == 6), "\(after): the probe scenario \(outcome.passed ? "passed" : "failed"): \(outcome.problems)")
            #expect(Set(outcome.problems).count == outcome.problems.count, "\(after): a problem is stated twice: \(outcome.problems)")
            if k < 6 {
                let missing = k < 2 ? 2 : k + 1
                #expect(transcript.contains { $0.contains("[chapter 4] step \(missing) is not written yet") },
                        "\(after): the kit must say that step \(missing) is not written yet: \(transcript.suffix(8))")
            }

            if k == 0 {
                for number in 1...3 {
                    let earlier = try course.chapter(number)
                    for scenario in earlier.scenarios {
                        let outcome = await ScenarioRunner(course: course).run(scenario, of: earlier)
                        #expect(outcome.passed, "kit: chapter \(number) scenario \(scenario.name) must pass: \(outcome.problems)")
                    }
                }
            }
        }

        // With every step written, the entry stub's two classic mistakes fail step 3, by name.
        let stub = kit.appendingPathComponent("Sources/Runtime/gate-entries.S")
        let written = try String(contentsOf: stub, encoding: .utf8)
        for (mistake, find, replace, check) in [
            ("clobbers EBX", "    popa\n    addl $4, %esp\n    iret\n// ANCHOR_END: hypercall-entry",
             "    popa\n    xorl %ebx, %ebx\n    addl $4, %esp\n    iret\n// ANCHOR_END: hypercall-entry",
             "step 3 every register but EAX is preserved"),
            ("leaves the result out of EAX", "    call pok_hypercall_gate\n    movl %eax, 40(%esp)\n", "    call pok_hypercall_gate\n",
             "step 3 the gate's answer comes back in EAX"),
        ] {
            try #require(written.contains(find), "the kit's entry stub changed; update the mistake '\(mistake)'")
            try written.replacingOccurrences(of: find, with: replace).write(to: stub, atomically: true, encoding: .utf8)
            let host = try await HostTestRun.run(course: course, filter: "Chapter04Step3", skip: nil)
            #expect(host.tests.contains { !$0.passed && $0.message.contains("Step 3 (The entry stub)") },
                    "an entry stub that \(mistake) must fail Chapter04Step3EntryStub: \(host.tests.map(\.message))")
            let outcome = await ScenarioRunner(course: course).run(probe, of: chapter)
            let status = ProbeChecks(declared: declared, transcript: outcome.run?.transcript ?? []).checks.first { $0.name == check }?.status
            if case .failed = status {} else {
                Issue.record("an entry stub that \(mistake) must fail the probe's '\(check)', got \(String(describing: status))")
            }
        }
        try written.write(to: stub, atomically: true, encoding: .utf8)

        // The guard mistake, made in the kit: the host build says what Chapter 4 shows.
        let event = kit.appendingPathComponent("Sources/Kernel/Arch/X86/Event.swift")
        let eventText = try String(contentsOf: event, encoding: .utf8)
        try eventText.replacingOccurrences(of: "    Exceptions.initialize()\n", with: "    Exceptions.initialize()\n    hypercallInit()\n")
            .write(to: event, atomically: true, encoding: .utf8)
        let guarded = try await HostTestRun.run(course: course, filter: "Chapter04Step1", skip: nil)
        let shown = try String(contentsOf: referenceChapter.directory.appendingPathComponent("mistakes/unguarded-registration.txt"), encoding: .utf8)
        #expect((guarded.problem ?? "") + "\n" == shown, "the unguarded registration in the kit must show what Chapter 4 shows:\n\(guarded.problem ?? "no problem")")
    }
}
