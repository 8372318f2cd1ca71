// `pokdoc grade` on the command line: the reference at full marks (exit 0), a mutant below (exit
// 1), the untouched starter kit at zero, reports in each format, precise errors for bad input.
import Foundation
import Grading
import Testing
@testable import Grader
import PokdocKit

@Suite("pokdoc grade — one submission", .serialized)
struct GradeCommandTests {
    let temporary: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grade-cli-\(UUID().uuidString.prefix(6))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    @Test("`pokdoc grade .` gives the reference full marks, exit 0, and leaves no scratch behind")
    func reference() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let report = temporary.appendingPathComponent("reference.json")
        let outcome = try await GradeCommand.run([GraderFixture.course.root.path, "--format", "json", "--output", report.path, "--seed", "5"], temporary: temporary)
        #expect(outcome.status == 0, "full marks exit 0 (Score.exitCode); stderr: \(outcome.stderr)")
        let document = try JSONDecoder().decode(JSONReport.Document.self, from: Data(contentsOf: report))
        #expect(document.verdict == "pass" && document.seed == "5", "the JSON report: verdict \(document.verdict), seed \(document.seed)")
        #expect(document.checks.count == HypercallGrader.checkIDs.count && document.checks.allSatisfy { $0.status == "passed" })
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0 != "reference.json" }
        #expect(left.isEmpty, "the grader's scratch must be removed: \(left)")
    }

    @Test("`pokdoc grade --chapter 5 .` grades Chapter 5's assignment: the reference at full marks, exit 0")
    func chapter5Reference() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let report = temporary.appendingPathComponent("reference-5.json")
        let outcome = try await GradeCommand.run(["--chapter", "5", GraderFixture.course.root.path, "--format", "json", "--output", report.path], temporary: temporary)
        #expect(outcome.status == 0, "full marks exit 0; stderr: \(outcome.stderr)")
        let document = try JSONDecoder().decode(JSONReport.Document.self, from: Data(contentsOf: report))
        #expect(document.checks.map(\.id) == HypervisorGrader.checkIDs, "the report holds Chapter 5's checks, in order")
        #expect(document.verdict == "pass" && document.checks.allSatisfy { $0.status == "passed" })
    }

    @Test("a mutant scores below full marks: exit 1, and the text report names the failing check")
    func mutantExitsOne() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let submission = temporary.appendingPathComponent("trap-gate")
        let manifest = try AssignmentManifest.load(try GraderFixture.course.chapter(HypercallGrader.chapter))
        try #require(MutantCorpus.named("trap-gate")).write(to: submission, reference: GraderFixture.course, editable: manifest.editable)
        let outcome = try await GradeCommand.run([submission.path, "--seed", "5"], temporary: temporary)
        #expect(outcome.status == 1, "below full marks exits 1; stderr: \(outcome.stderr)")
        #expect(outcome.stdout.contains("failed  hypercall.gate.descriptor"), "the text report lists the failing check:\n\(outcome.stdout)")
        #expect(outcome.stdout.contains("score: 92.00 of 100.00"), "the text report's score:\n\(outcome.stdout)")
    }

    @Test("the untouched starter kit scores zero on the hypercall and Libpok checks, full on Chapters 1–3")
    func untouchedKit() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let kit = temporary.appendingPathComponent("kit")
        _ = try StarterKit(course: GraderFixture.course).write(to: kit)
        let grader = HypercallGrader(course: GraderFixture.course, rubric: try HypercallGrader.defaultRubric(course: GraderFixture.course),
                                     seed: 3, scratch: temporary.appendingPathComponent("scratch"))
        let result = await grader.grade(kit)
        let earning = result.checks.filter { $0.pointsEarned != .zero }.map(\.id)
        #expect(result.graderFailure == nil, "the grader failed on the kit: \(result.graderFailure ?? "")")
        #expect(earning == RegressionChecks.ids(before: 4),
                "the untouched kit earns only the regression checks (Chapters 1–3 pass); it earned points for \(earning)\n\(TextReport.render(result, colour: false))")
        #expect(result.verdict == .fail)
    }

    @Test("bad input: no submission, a missing path, an unknown format, --jobs 0, a bad rubric — precise errors")
    func badInput() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let cases: [([String], String)] = [
            ([], "give at least one submission"),
            (["--format", "pdf", "."], "pdf"),
            ([".", "--jobs", "0"], "--jobs"),
            (["a", "b"], "needs --output DIR"),
            (["--chapter", "6", "."], "no grader for chapter 6: --chapter takes 4 or 5"),
        ]
        for (arguments, needle) in cases {
            let outcome = try await GradeCommand.run(arguments, temporary: temporary)
            #expect(outcome.status != 0 && outcome.stderr.contains(needle), "pokdoc grade \(arguments): expected an error containing \(needle.debugDescription), got \(outcome.status): \(outcome.stderr)")
        }
        let rubric = temporary.appendingPathComponent("rubric.yaml")
        try "assignment: hypercall-gate\nversion: 1\nchecks:\n  hypercall.gate.descripter: 1\n".write(to: rubric, atomically: true, encoding: .utf8)
        let outcome = try await GradeCommand.run([GraderFixture.course.root.path, "--rubric", rubric.path], temporary: temporary)
        #expect(outcome.status == 2 && outcome.stderr.contains("rubric.yaml:4") && outcome.stderr.contains("hypercall.gate.descriptor"),
                "a rubric error names the file, the line and the nearest check; got \(outcome.status): \(outcome.stderr)")
        let missing = try await GradeCommand.run([temporary.appendingPathComponent("nowhere").path], temporary: temporary)
        #expect(missing.status != 0 && missing.stdout.contains("nowhere"), "a missing submission is named: \(missing.stdout) \(missing.stderr)")
    }
}
