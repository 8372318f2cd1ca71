// The grader's own test: each classic mistake (Sources/Grader/Mutants/MutantCorpus.swift) graded
// like a student's submission, with its exact score, verdict and failing checks asserted.
import Foundation
import Grading
import Testing
@testable import Grader
import PokdocKit

/// What a mutant must get.
struct MutantExpectation: Sendable, CustomTestStringConvertible {
    var mutant: String
    var verdict: GradeVerdict
    /// The exact score, as the rubric's rationals sum it.
    var score: String
    /// The checks that fail (status failed), in report order.
    var failing: [String]
    var testDescription: String { mutant }
}

enum MutantGrading {
    static let course = GraderFixture.course

    static func grade(_ mutant: Mutant, seed: UInt64 = 11) async throws -> GradeResult {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("mutant-\(mutant.name)-\(UUID().uuidString.prefix(6))")
        defer { try? fm.removeItem(at: root) }
        let submission = root.appendingPathComponent(mutant.name)
        let manifest = try AssignmentManifest.load(try course.chapter(HypercallGrader.chapter))
        try mutant.write(to: submission, reference: course, editable: manifest.editable)
        let grader = HypercallGrader(course: course, rubric: try HypercallGrader.defaultRubric(course: course), seed: seed,
                                     scratch: root.appendingPathComponent("scratch"))
        return await grader.grade(submission)
    }
}

extension MutantExpectation {
    /// Asserts the grade of `mutant`: no grader failure, the verdict, the exact score, the failing
    /// checks in report order, and every failure saying what was observed, what was expected and
    /// where the course teaches it.
    func verify(_ result: GradeResult, of mutant: Mutant) {
        let failing = result.checks.filter { $0.status == .failed }.map(\.id)
        let report = TextReport.render(result, colour: false)
        #expect(result.graderFailure == nil, "the grader failed on \(mutant.name): \(result.graderFailure ?? "")")
        #expect(result.verdict == verdict, "\(mutant.name) (\(mutant.summary)): verdict\n\(report)")
        #expect(result.score.earned.description == score, "\(mutant.name) (\(mutant.summary)): exact score\n\(report)")
        #expect(failing == self.failing, "\(mutant.name) (\(mutant.summary)): the failing checks\n\(report)")
        for check in result.checks where check.status == .failed {
            #expect(check.observed != nil && check.expected != nil && check.section != nil,
                    "\(mutant.name): \(check.id) fails without observed, expected and section")
        }
    }

    static let kernelRuns = "kernel.runs"
    /// A kernel whose run is forged, or that changes what Chapters 1–3 show, fails all three.
    static let regression = ["regression.chapter-1", "regression.chapter-2", "regression.chapter-3"]
    static let all: [MutantExpectation] = [
        .init(mutant: "wrong-vector", verdict: .fail, score: "8/3", failing: ["hypercall.gate.descriptor", "libpok.vector", "regression.chapter-3"]),
        .init(mutant: "dpl-zero", verdict: .fail, score: "68/3", failing: ["hypercall.gate.descriptor", "regression.chapter-3"]),
        .init(mutant: "trap-gate", verdict: .fail, score: "92", failing: ["hypercall.gate.descriptor"]),
        .init(mutant: "ids-differ", verdict: .fail, score: "83",
              failing: ["hypercall.conswrite.bytes", "hypercall.id.unknown", "ids.kernel-equals-libpok"]),
        .init(mutant: "gate-on-x86-qemu", verdict: .fail, score: "91", failing: ["hypercall.board"] + regression),
        .init(mutant: "clobbers-ebx", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "clobbers-ecx", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "clobbers-edx", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "clobbers-esi", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "clobbers-edi", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "clobbers-ebp", verdict: .fail, score: "92", failing: ["hypercall.registers.preserved"]),
        .init(mutant: "result-not-in-eax", verdict: .fail, score: "48", failing: ["hypercall.registers.result"]),
        .init(mutant: "unchecked-buffer", verdict: .fail, score: "77", failing: ["hypercall.pointer.buffer"]),
        .init(mutant: "block-without-base", verdict: .fail, score: "48", failing: ["hypercall.registers.result"]),
        .init(mutant: "unknown-id-ok", verdict: .fail, score: "96", failing: ["hypercall.id.unknown"]),
        .init(mutant: "dispatcher-loops", verdict: .timeout, score: "40", failing: ["hypercall.registers.result"]),
        .init(mutant: "triple-fault", verdict: .tripleFault, score: "15", failing: [kernelRuns]),
        .init(mutant: "serial-flood", verdict: .outputFlood, score: "40", failing: ["hypercall.registers.result"]),
        .init(mutant: "forged-output", verdict: .forged, score: "15", failing: [kernelRuns]),
        .init(mutant: "early-success-exit", verdict: .forged, score: "15",
              failing: [kernelRuns, "hypercall.gate.descriptor", "hypercall.gate.cpl3", "hypercall.registers.result", "hypercall.board"] + regression),
        .init(mutant: "patches-probe", verdict: .forged, score: "15",
              failing: [kernelRuns, "hypercall.gate.descriptor", "hypercall.gate.cpl3", "hypercall.registers.result",
                        "hypercall.registers.preserved", "hypercall.board"] + regression),
        .init(mutant: "compile-error", verdict: .buildError, score: "15", failing: [kernelRuns]),
        .init(mutant: "edits-outside-manifest", verdict: .pass, score: "100", failing: []),
    ]
}

// One mutant at a time: 23 grades at once, each compiling, would starve their QEMUs of the CPU.
@Suite("Grader — the mutant corpus scores exactly", .serialized)
struct MutantCorpusTests {
    @Test("every mutant of the corpus has an expectation, and every expectation a mutant")
    func corpusCovered() {
        #expect(MutantCorpus.all.map(\.name).sorted() == MutantExpectation.all.map(\.mutant).sorted(),
                "MutantCorpus.all and MutantExpectation.all must name the same mutants")
    }

    @Test("each mutant gets its exact score, verdict and failing checks", arguments: MutantExpectation.all)
    func mutant(_ expectation: MutantExpectation) async throws {
        let mutant = try #require(MutantCorpus.named(expectation.mutant), "no mutant \(expectation.mutant) in MutantCorpus")
        let result = try await MutantGrading.grade(mutant)
        expectation.verify(result, of: mutant)
        if mutant.name == "edits-outside-manifest" {
            #expect(result.ignoredFiles == ["Sources/Kernel/Core/Services.swift", "notes.txt"],
                    "files outside the manifest are ignored and listed: \(result.ignoredFiles)")
        }
    }
}
