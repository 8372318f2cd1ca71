// `pokdoc grade --chapter 5`: Chapter 5's assignment, xen_version the Xen way and
// TIME_RDHTSC_HCALL the Palacios way (docs/grading.md, "Grading Chapter 5"). Like Chapter 4's
// grader: the submission staged onto a pristine tree, split into its kernel side (the student's
// kernel, the reference Libpok) and its Libpok side (the reference kernel, the student's Libpok),
// each built in the sandbox with the grader's hypervisor probe and booted under QEMU with SVM,
// observed from outside through the gdb stub; then Chapters 1–4's scenarios on the kernel side.
import Conformance
import Foundation
import Grading
import PokdocKit

public struct HypervisorGrader: AssignmentGrader {
    public var course: Course
    public var rubric: Rubric
    /// The run's seed (HypervisorProbePlan); nil draws a fresh one per submission (reported in the result).
    public var seed: UInt64?
    public var scratch: URL
    /// Wall-clock bound on the probe's way from one stop to the next (the boot has its own).
    public var stopTimeout: Duration = .seconds(5)
    public var keepScratch = false

    public static let chapter = 5
    public static let version = "1.0"

    static let kernelRuns = "kernel.runs"
    static let libpokRuns = "libpok.runs"

    /// Every check, in report order. The rubric must give each points.
    public static let checkIDs: [String] = [
        kernelRuns, XenChecks.dispatch, XenChecks.holes, XenChecks.query, XenChecks.unknownCommand,
        PalaciosChecks.registered, PalaciosChecks.value, PalaciosChecks.unregistered, PalaciosChecks.testCall,
        libpokRuns, XenChecks.libpokPage, XenChecks.libpokResult, PalaciosChecks.libpokCall, PalaciosChecks.libpokResult,
    ] + RegressionChecks.ids(before: chapter)

    static let descriptions: [String: CheckDescription] = XenChecks.catalog
        .merging(PalaciosChecks.catalog) { first, _ in first }
        .merging([
            kernelRuns: .init("The kernel side builds and boots into the probe", "the student's kernel with the reference Libpok builds, boots, and the probe reports",
                              "Chapter 5, 'The assignment: one call the Xen way, one the Palacios way'"),
            libpokRuns: .init("The Libpok side builds and boots into the probe", "the student's Libpok with the reference kernel builds, boots, and the probe reports",
                              "Chapter 5, 'The assignment: one call the Xen way, one the Palacios way'"),
        ]) { first, _ in first }
        .merging(RegressionChecks.chapters(before: chapter).map { number in
            let (title, section) = RegressionChecks.description(number)
            return (RegressionChecks.id(number), CheckDescription(title, "Chapter \(number)'s QEMU scenarios pass, as they do on the reference", section))
        }) { first, _ in first }

    public init(course: Course, rubric: Rubric, seed: UInt64? = nil, scratch: URL) {
        self.course = course
        self.rubric = rubric
        self.seed = seed
        self.scratch = scratch
    }

    /// The chapter's rubric (Chapters/05-…/rubric.yaml), checked against `checkIDs`.
    public static func defaultRubric(course: Course) throws -> Rubric { try chapterRubric(course: course) }

    public func grade(_ submission: URL) async -> GradeResult { await gradeSubmission(submission) }

    static func describe(_ id: String) -> CheckDescription? { descriptions[id] }

    /// The side a check is observed on: what it needs to have run.
    static func runCheck(for id: String) -> String {
        id.hasPrefix("libpok.") || id.contains(".libpok.") ? libpokRuns : kernelRuns
    }

    func run(_ sides: SideTrees, chapter: Chapter, seed: UInt64) async throws -> ([Judgement], GradeVerdict) {
        var options = QEMURunOptions()
        options.timeout = .seconds(120)
        options.serialByteCap = 256 << 10
        options.sandbox = Sandbox(writable: [], cpuSeconds: 120, memoryBytes: 2 << 30)

        let plan = HypervisorProbePlan(seed: seed)
        let kernelSide = try await observe(sides.kernel, chapter: chapter, plan: plan, options: options)
        let libpokSide = try await observe(sides.libpok, chapter: chapter, plan: plan, options: options)

        var judgements = judge(kernelSide, runs: Self.kernelRuns, side: "the kernel side (the student's kernel, the reference Libpok)") {
            XenChecks.judgeKernel($0) + PalaciosChecks.judgeKernel($0)
        }
        judgements += judge(libpokSide, runs: Self.libpokRuns, side: "the Libpok side (the reference kernel, the student's Libpok)") {
            XenChecks.judgeLibpok($0) + PalaciosChecks.judgeLibpok($0)
        }

        // Chapters 1–4 on the student's kernel (with the reference's Libpok), once it builds and boots.
        if judgements.first(where: { $0.id == Self.kernelRuns })?.status == .passed {
            var regressionOptions = options
            regressionOptions.serialByteCap = QEMURunOptions().serialByteCap
            regressionOptions.timeout = .seconds(30)
            judgements += try await RegressionChecks.judge(RegressionChecks.chapters(before: Self.chapter), tree: sides.kernel,
                                                           reference: course, options: regressionOptions, sandbox: Self.sandbox)
        } else {
            judgements += RegressionChecks.ids(before: Self.chapter).map { .notRun($0, needs: Self.kernelRuns) }
        }

        // A side whose code patched the probe (the student's kernel, or the student's Libpok, which
        // shares the partition's memory) earns nothing on that side.
        let forgeries = [(Self.kernelRuns, kernelSide), (Self.libpokRuns, libpokSide)].compactMap { runs, side in
            side.observedRun?.observation.codeMismatch.map { (runs, "\(runs == Self.kernelRuns ? "the kernel" : "Libpok") patched the grader's probe: " + $0) }
        }
        for (runs, forgery) in forgeries {
            judgements = judgements.map { judgement in
                guard judgement.status == .passed, Self.runCheck(for: judgement.id) == runs else { return judgement }
                return .failed(judgement.id, observed: "not credited: \(forgery)", expected: "a run the grader can trust")
            }
        }
        let forgery = forgeries.first?.1
        let verdict = RunVerdict.decide(forgery: forgery, built: [kernelSide.built, libpokSide.built],
                                        runs: [kernelSide.ending, libpokSide.ending].compactMap { $0 }, judgements: judgements)
        return (judgements, verdict)
    }

    /// Builds `tree` with the hypervisor probe and runs it under the grader's eye.
    func observe(_ tree: Course, chapter: Chapter, plan: HypervisorProbePlan, options base: QEMURunOptions) async throws -> ProbeSide<HypervisorProbeObservation> {
        let image: KernelImage
        do {
            image = try await BareMetalBuild(course: tree, sandbox: Self.sandbox, reference: course)
                .buildProbeImage(.hypervisor, chapter: chapter, bsp: chapter.frontMatter.bsp)
        } catch let failure as BuildFailure {
            return .notBuilt(failure)
        }
        let symbols = try await ProbeSymbols.load(of: image)
        let kernel = try await KernelInspection.load(elf: image.elf.path)
        let driver = try HypervisorProbeDriver(symbols: symbols, kernel: kernel.addresses, watchedSlot: XenChecks.xenVersion)
        var options = base
        options.extraArguments += BuildConfiguration(bsp: chapter.frontMatter.bsp, needs: chapter.needs, program: image.elf, label: "").qemuArguments
        return .ran(try await ObservedRunner.run(image: image.elf, options: options, stopTimeout: stopTimeout,
                                                 empty: HypervisorProbeObservation(plan: plan)) { remote, seen throws(GDBRemoteError) in
            try driver.drive(remote, &seen)
        })
    }

    /// One side's judgements: whether it built and reached the probe, then its checks.
    func judge(_ side: ProbeSide<HypervisorProbeObservation>, runs: String, side words: String,
               checks: (ObservedRun<HypervisorProbeObservation>) -> [Judgement]) -> [Judgement] {
        let later = Self.checkIDs.filter { $0 != runs && Self.runCheck(for: $0) == runs && !$0.hasPrefix("regression.") }
        switch side {
        case .notBuilt(let failure):
            return [.failed(runs, observed: "\(words) does not build: " + failure.summary,
                            expected: Self.descriptions[runs]?.expected ?? runs)] + later.map { .notRun($0, needs: runs) }
        case .ran(let observed):
            guard !observed.observation.reports.isEmpty else {
                return [.failed(runs, observed: "\(words) never reached the probe: " + observed.endingWords,
                                expected: Self.descriptions[runs]?.expected ?? runs)] + later.map { .notRun($0, needs: runs) }
            }
            return [.passed(runs)] + checks(observed)
        }
    }
}
