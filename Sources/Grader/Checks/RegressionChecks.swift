// regression.chapter-N: the student's kernel still passes Chapters 1–3's QEMU scenarios, built
// and run in the sandbox. These are judged like `pokdoc test N` judges them, from the guest's
// nonce-protected serial protocol: they catch a kernel that breaks an earlier chapter, not a
// forger (the hypercall checks, observed from outside, are what a forger cannot pass).
import Foundation
import PokdocKit

struct RegressionChecks {
    static let chapters = 1...3
    static func id(_ chapter: Int) -> String { "regression.chapter-\(chapter)" }
    static var ids: [String] { chapters.map(id) }

    /// Runs every scenario of chapters 1–3 in `tree`; one judgement per chapter.
    static func judge(tree: Course, reference: Course, options: QEMURunOptions, sandbox: Sandbox) async throws -> [Judgement] {
        var judgements: [Judgement] = []
        let runner = ScenarioRunner(course: tree, options: options, sandbox: sandbox, reference: reference)
        for number in chapters {
            let chapter = try tree.chapter(number)
            var failures: [String] = []
            for scenario in chapter.scenarios {
                let outcome = await runner.run(scenario, of: chapter)
                if !outcome.passed {
                    failures.append("\(scenario.name): " + (outcome.problems.first ?? "failed").prefix(300))
                }
            }
            judgements.append(failures.isEmpty
                ? .passed(id(number), observed: "\(chapter.scenarios.count) scenarios passed")
                : .failed(id(number), observed: failures.joined(separator: "\n"),
                          expected: "Chapter \(number)'s \(chapter.scenarios.count) QEMU scenarios pass, as they do on the reference"))
        }
        return judgements
    }
}
