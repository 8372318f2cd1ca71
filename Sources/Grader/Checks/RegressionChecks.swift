// regression.chapter-N: the student's kernel still passes the earlier chapters' QEMU scenarios, built
// and run in the sandbox. These are judged like `pokdoc test N` judges them, from the guest's
// nonce-protected serial protocol: they catch a kernel that breaks an earlier chapter, not a
// forger (the hypercall checks, observed from outside, are what a forger cannot pass).
import Foundation
import PokdocKit

struct RegressionChecks {
    /// The chapters an assignment of `chapter` must not break: every one before it.
    static func chapters(before chapter: Int) -> ClosedRange<Int> { 1...(chapter - 1) }
    static func id(_ chapter: Int) -> String { "regression.chapter-\(chapter)" }
    static func ids(before chapter: Int) -> [String] { chapters(before: chapter).map(id) }
    /// The report's title and section of each regression check.
    static func description(_ chapter: Int) -> (title: String, section: String) {
        ("Chapter \(chapter)'s scenarios still pass", "Chapter \(chapter)")
    }

    /// Runs every scenario of `chapters` in `tree`; one judgement per chapter. The images are
    /// built first, one after another (scenarios of a chapter share their kernel, and two builds of
    /// one stage at once would compile it twice); then the boots run two at a time (QEMUSlots
    /// bounds QEMUs per process), reported in the chapters' order whatever order they end in.
    static func judge(_ chapters: ClosedRange<Int>, tree: Course, reference: Course, options: QEMURunOptions, sandbox: Sandbox) async throws -> [Judgement] {
        let runner = ScenarioRunner(course: tree, options: options, sandbox: sandbox, reference: reference)
        let build = BareMetalBuild(course: tree, toolchain: runner.toolchain, sandbox: sandbox, reference: reference)
        let all = try tree.chapters()
        let judged = try chapters.map { number in
            guard let chapter = all.first(where: { $0.number == number }) else {
                throw ChapterError.noSuchChapter(number, available: all.map(\.number))
            }
            return chapter
        }
        var runs: [(chapter: Chapter, scenario: Scenario, image: String?)] = []
        for chapter in judged {
            for scenario in chapter.scenarios {
                // A build failure is reported by the scenario's own run below, with its output.
                var image: String?
                if let configuration = try? BuildConfiguration(chapter: chapter, scenario: scenario) {
                    image = try? await build.build(configuration).elf.path
                }
                runs.append((chapter, scenario, image))
            }
        }
        let referenceImages = reference.buildDirectory.standardizedFileURL.path + "/"
        var outcomes = [ScenarioOutcome?](repeating: nil, count: runs.count)
        await withTaskGroup(of: (Int, ScenarioOutcome).self) { group in
            var next = 0
            func start() {
                let index = next, run = runs[index]
                next += 1
                // An image that is the reference's own (the submission changed nothing it is made
                // of) behaves as the reference's does, byte for byte: its outcome is run once per
                // grader process and shared.
                if let image = run.image, image.hasPrefix(referenceImages) {
                    group.addTask {
                        (index, await ReferenceOutcomes.shared.outcome(image: image, scenario: run.scenario.name) {
                            await runner.run(run.scenario, of: run.chapter)
                        })
                    }
                } else {
                    group.addTask { (index, await runner.run(run.scenario, of: run.chapter)) }
                }
            }
            while next < min(Self.concurrentBoots, runs.count) { start() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                if next < runs.count { start() }
            }
        }
        var judgements: [Judgement] = []
        for chapter in judged {
            let number = chapter.number
            var failures: [String] = []
            // Every scenario of the chapter must have run and passed: one that did not run fails.
            for scenario in chapter.scenarios {
                let index = runs.firstIndex { $0.chapter.number == number && $0.scenario.name == scenario.name }
                guard let outcome = index.flatMap({ outcomes[$0] }), outcome.passed else {
                    let problem = index.flatMap { outcomes[$0]?.problems.first } ?? "it did not run"
                    failures.append("\(scenario.name): " + problem.prefix(300))
                    continue
                }
            }
            judgements.append(failures.isEmpty && !chapter.scenarios.isEmpty
                ? .passed(id(number), observed: "\(chapter.scenarios.count) scenarios passed")
                : .failed(id(number), observed: failures.isEmpty ? "the chapter has no scenarios" : failures.joined(separator: "\n"),
                          expected: "Chapter \(number)'s \(chapter.scenarios.count) QEMU scenarios pass, as they do on the reference"))
        }
        return judgements
    }

    /// Boots at once within one submission's regression checks.
    static let concurrentBoots = 2
}

/// Outcomes of scenarios run on images that are the reference's own, by image and scenario: the
/// same bytes boot the same way under `-icount`, so a batch runs each of them once.
actor ReferenceOutcomes {
    static let shared = ReferenceOutcomes()
    private var outcomes: [String: Task<ScenarioOutcome, Never>] = [:]

    func outcome(image: String, scenario: String, run: @escaping @Sendable () async -> ScenarioOutcome) async -> ScenarioOutcome {
        let key = image + "#" + scenario
        if let known = outcomes[key] { return await known.value }
        let task = Task { await run() }
        outcomes[key] = task
        let outcome = await task.value
        // A reference image that did not pass (a machine problem, not the submission's) is not kept.
        if !outcome.passed { outcomes[key] = nil }
        return outcome
    }
}
