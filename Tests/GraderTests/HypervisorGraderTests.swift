// `pokdoc grade --chapter 5`'s own test: the reference earns full marks, and each classic mistake
// of Chapter 5's assignment (Sources/Grader/Mutants/HypervisorMutantCorpus.swift), graded like a
// student's submission, gets its exact score, verdict and failing checks.
import Foundation
import Grading
import Testing
@testable import Grader
import PokdocKit

enum HypervisorGrading {
    static let course = GraderFixture.course

    static func grade(_ mutant: Mutant?) async throws -> GradeResult {
        let fm = FileManager.default
        let name = mutant?.name ?? "reference"
        let root = fm.temporaryDirectory.appendingPathComponent("ch5-\(name)-\(UUID().uuidString.prefix(6))")
        defer { try? fm.removeItem(at: root) }
        let grader = HypervisorGrader(course: course, rubric: try HypervisorGrader.defaultRubric(course: course), seed: 5,
                                      scratch: root.appendingPathComponent("scratch"))
        guard let mutant else { return await grader.grade(course.root) }
        let submission = root.appendingPathComponent(name)
        let manifest = try AssignmentManifest.load(try course.chapter(HypervisorGrader.chapter))
        try mutant.write(to: submission, reference: course, editable: manifest.editable)
        return await grader.grade(submission)
    }
}

extension MutantExpectation {
    static let dispatch = "xen.version.dispatch", holes = "xen.table.holes", query = "xen.version.query"
    static let unknownCommand = "xen.version.unknown-command"
    static let registered = "palacios.rdhtsc.registered", value = "palacios.rdhtsc.value"
    static let unregistered = "palacios.unregistered", testCall = "palacios.test-call"
    static let regression4 = ["regression.chapter-1", "regression.chapter-2", "regression.chapter-3", "regression.chapter-4"]

    static let chapter5: [MutantExpectation] = [
        .init(mutant: "xen-version-wrong-number", verdict: .fail, score: "67", failing: [dispatch]),
        .init(mutant: "xen-version-no-table-entry", verdict: .fail, score: "67", failing: [dispatch]),
        .init(mutant: "xen-version-wrong-version", verdict: .fail, score: "90", failing: [query]),
        .init(mutant: "xen-version-ignores-command", verdict: .fail, score: "95", failing: [unknownCommand]),
        .init(mutant: "xen-version-refuses-only-99", verdict: .fail, score: "95", failing: [unknownCommand]),
        .init(mutant: "xen-table-no-bounds-check", verdict: .fail, score: "60", failing: [holes, registered]),
        .init(mutant: "xen-version-loops", verdict: .timeout, score: "35", failing: [dispatch, registered]),
        .init(mutant: "xen-version-floods", verdict: .outputFlood, score: "35", failing: [dispatch, registered]),
        .init(mutant: "patches-probe", verdict: .forged, score: "25",
              failing: [kernelRuns, dispatch, holes, query, unknownCommand, registered] + regression4),
        .init(mutant: "rdhtsc-halves-swapped", verdict: .fail, score: "88", failing: [value]),
        .init(mutant: "rdhtsc-not-registered", verdict: .fail, score: "68", failing: [registered]),
        .init(mutant: "test-handler-edited", verdict: .fail, score: "95", failing: [testCall]),
        .init(mutant: "registration-reuses-slot-0", verdict: .fail, score: "68", failing: [registered]),
        .init(mutant: "unregistered-answers-zero", verdict: .fail, score: "95", failing: [unregistered]),
        .init(mutant: "libpok-version-raw-trap", verdict: .fail, score: "90", failing: ["xen.libpok.page"]),
        .init(mutant: "libpok-version-wrong-slot", verdict: .fail, score: "85", failing: ["xen.libpok.page", "xen.libpok.result"]),
        .init(mutant: "libpok-hosttime-wrong-id", verdict: .fail, score: "90", failing: ["palacios.libpok.call", "palacios.libpok.result"]),
        .init(mutant: "libpok-hosttime-halves-swapped", verdict: .fail, score: "95", failing: ["palacios.libpok.result"]),
        .init(mutant: "libpok-compile-error", verdict: .buildError, score: "75", failing: ["libpok.runs"]),
        .init(mutant: "drops-feature-guard", verdict: .fail, score: "90", failing: regression4),
        .init(mutant: "compile-error", verdict: .buildError, score: "25", failing: [kernelRuns]),
        .init(mutant: "edits-outside-manifest", verdict: .pass, score: "100", failing: []),
    ]
}

// One grade at a time: each compiles two kernels and boots two QEMUs.
@Suite("Grader — Chapter 5's assignment scores exactly", .serialized)
struct HypervisorGraderTests {
    @Test("the reference solution scores full marks, every check passed")
    func reference() async throws {
        let result = try await HypervisorGrading.grade(nil)
        let report = TextReport.render(result, colour: false)
        #expect(result.graderFailure == nil, "the grader failed: \(result.graderFailure ?? "")")
        #expect(result.verdict == .pass, "\(report)")
        #expect(result.score.isFullMarks, "the reference must score full marks\n\(report)")
    }

    @Test("the untouched starter kit earns only Chapters 1–4's regression points")
    func untouchedKit() async throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("ch5-kit-\(UUID().uuidString.prefix(6))")
        defer { try? fm.removeItem(at: root) }
        let kit = root.appendingPathComponent("kit")
        _ = try StarterKit(course: HypervisorGrading.course).write(to: kit)
        let grader = HypervisorGrader(course: HypervisorGrading.course, rubric: try HypervisorGrader.defaultRubric(course: HypervisorGrading.course),
                                      scratch: root.appendingPathComponent("scratch"))
        let result = await grader.grade(kit)
        let report = TextReport.render(result, colour: false)
        let earning = result.checks.filter { $0.pointsEarned != .zero }.map(\.id)
        #expect(result.graderFailure == nil, "the grader failed on the kit: \(result.graderFailure ?? "")")
        #expect(earning == RegressionChecks.ids(before: 5), "the kit's stubs earn no point of Chapter 5's; it earned \(earning)\n\(report)")
        #expect(result.verdict == .fail)
        // Each step's stub is named where its check fails.
        let observed = result.checks.compactMap(\.observed).joined(separator: "\n")
        #expect(observed.contains("slot 17 of the table is empty (step 2)"), "the kernel side names step 2:\n\(report)")
    }

    @Test("every mutant of the corpus has an expectation, and every expectation a mutant")
    func corpusCovered() {
        #expect(HypervisorMutantCorpus.all.map(\.name).sorted() == MutantExpectation.chapter5.map(\.mutant).sorted())
    }

    @Test("the probe's unknown command and unregistered ID are drawn from the seed, outside every defined value")
    func plan() {
        var commands = Set<UInt32>(), ids = Set<UInt32>()
        for seed in UInt64(1)...200 {
            let plan = HypervisorProbePlan(seed: seed)
            #expect(plan == HypervisorProbePlan(seed: seed), "one seed, one plan")
            #expect((100...0xFFFF).contains(plan.unknownCommand), "seed \(seed): command \(plan.unknownCommand) is outside 100…0xFFFF")
            #expect(plan.unregisteredID >= 0x1_0000 && plan.unregisteredID != 0xFFFF_FFFF,
                    "seed \(seed): ID \(plan.unregisteredID) could be a Palacios ID or -1")
            #expect(PalaciosChecks.interface.numbers.allSatisfy { $0.value != plan.unregisteredID })
            commands.insert(plan.unknownCommand)
            ids.insert(plan.unregisteredID)
        }
        #expect(commands.count > 190 && ids.count > 190, "200 seeds draw (almost) 200 different values")
    }

    @Test("the rubric gives every check points, 100 in all")
    func rubric() throws {
        let rubric = try HypervisorGrader.defaultRubric(course: HypervisorGrading.course)
        let total = HypervisorGrader.checkIDs.reduce(Rational.zero) { $0 + (rubric.points(for: $1) ?? .zero) }
        #expect(total == Rational(100), "Chapter 5's rubric sums to \(total)")
        for id in HypervisorGrader.checkIDs {
            #expect(HypervisorGrader.descriptions[id] != nil, "\(id) has no title, rule and section")
        }
    }

    @Test("each mutant gets its exact score, verdict and failing checks", arguments: MutantExpectation.chapter5)
    func mutant(_ expectation: MutantExpectation) async throws {
        let mutant = try #require(HypervisorMutantCorpus.named(expectation.mutant), "no mutant \(expectation.mutant) in HypervisorMutantCorpus")
        let result = try await HypervisorGrading.grade(mutant)
        expectation.verify(result, of: mutant)
    }
}
