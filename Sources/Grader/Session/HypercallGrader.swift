// `pokdoc grade` for Chapter 4's hypercall gate (docs/grading.md): stage the submission onto a
// pristine tree, build each side in the sandbox, run the Libpok probe on the reference kernel and
// the kernel probe (seeded by the Libpok IDs it saw) on the student's kernel, both boards,
// observed from outside through the gdb stub; judge every rule; score with the rubric.
import Conformance
import Foundation
import Grading
import PokdocKit

public struct HypercallGrader: AssignmentGrader {
    /// The pristine course: the reference tree every submission is staged onto.
    public var course: Course
    public var rubric: Rubric
    /// The run's seed; nil draws a fresh one per submission (reported in the result).
    public var seed: UInt64?
    /// Where each submission gets a private scratch folder (removed after grading).
    public var scratch: URL
    /// Wall-clock bound on one call of the probe (the boot has ObservedRunner.bootTimeout): a
    /// kernel that hangs in a call costs this much. A call takes milliseconds.
    public var stopTimeout: Duration = .seconds(5)
    /// Keep the scratch folders (for debugging the grader).
    public var keepScratch = false

    public static let chapter = 4
    public static let version = "1.0"
    public static let profile = Profiles.pokHypercall

    /// Every check the grader runs, in report order. The rubric must give each points.
    public static let checkIDs: [String] = [
        KernelChecks.runs, KernelChecks.descriptor, KernelChecks.cpl3, KernelChecks.result, KernelChecks.preserved,
        KernelChecks.conswrite, KernelChecks.gettick, KernelChecks.pointerBlock, KernelChecks.pointerBuffer,
        KernelChecks.nargs, KernelChecks.unknownID, KernelChecks.reservedID, BoardCheck.id, KernelChecks.idsEqual,
        LibpokChecks.runs, LibpokChecks.vector, LibpokChecks.ids, LibpokChecks.block, LibpokChecks.result,
    ] + RegressionChecks.ids(before: chapter)

    /// The checks that are not rules of the profile: whether a side built and booted.
    static let nonRuleChecks: [String: (title: String, section: String)] = [
        KernelChecks.runs: ("The kernel side builds and boots into the probe", "Chapter 4, 'The exercise, step by step'"),
        LibpokChecks.runs: ("The Libpok side builds and boots into the probe", "Chapter 4, 'Step 6: the partition side'"),
    ].merging(RegressionChecks.chapters(before: chapter).map { (RegressionChecks.id($0), RegressionChecks.description($0)) }) { first, _ in first }

    public init(course: Course, rubric: Rubric, seed: UInt64? = nil, scratch: URL) {
        self.course = course
        self.rubric = rubric
        self.seed = seed
        self.scratch = scratch
    }

    /// The chapter's rubric (Chapters/04-…/rubric.yaml), checked against `checkIDs`.
    public static func defaultRubric(course: Course) throws -> Rubric { try chapterRubric(course: course) }

    public func grade(_ submission: URL) async -> GradeResult { await gradeSubmission(submission) }

    static func runCheck(for id: String) -> String { id.hasPrefix("libpok.") ? LibpokChecks.runs : KernelChecks.runs }

    static func describe(_ id: String) -> CheckDescription? {
        if let rule = profile.rule(id) { return CheckDescription(rule.title, rule.statement, rule.chapterSection) }
        return nonRuleChecks[id].map { CheckDescription($0.title, nil, $0.section) }
    }


    func run(_ sides: SideTrees, chapter: Chapter, seed: UInt64) async throws -> ([Judgement], GradeVerdict) {
        let profile = Self.profile
        var options = QEMURunOptions()
        options.timeout = .seconds(120)
        // The kernel must not end the run on its own while the grader drives it.
        options.kernelArguments = ["ticks=\(TickBudget.allowed.upperBound)"]
        // The probes print a few lines; a kernel that floods is stopped early (verdict output-flood).
        options.serialByteCap = 256 << 10
        options.sandbox = Sandbox(writable: [], cpuSeconds: 120, memoryBytes: 2 << 30)

        // 1. The student's Libpok on the reference kernel.
        let libpokSide: ProbeSide<LibpokProbeObservation>
        switch try await buildImage(.libpok, tree: sides.libpok, chapter: chapter, bsp: .x86QemuVMM) {
        case .failure(let failure): libpokSide = .notBuilt(failure)
        case .success(let image):
            let kernelSymbols = try await KernelInspection.load(elf: image.elf.path)
            let probeSymbols = try await ProbeSymbols.load(of: image)
            guard let entry = kernelSymbols.addresses["pok_hypercall_entry"] else {
                throw ProbeSymbols.Missing(symbol: "pok_hypercall_entry", elf: "the reference kernel")
            }
            let driver = LibpokProbeDriver(entry: entry, result: try probeSymbols.address("pok_grader_libpok_result"))
            libpokSide = .ran(try await ObservedRunner.run(image: image.elf, options: options, stopTimeout: stopTimeout,
                                                           empty: LibpokProbeObservation()) { remote, seen throws(GDBRemoteError) in
                try driver.drive(remote, &seen)
            })
        }
        let libpokChecks = LibpokChecks(profile: profile, side: libpokSide)

        // 2. The student's kernel with the grader's kernel probe, on the VMM board.
        let kernelSide: ProbeSide<KernelProbeObservation>
        var plan = KernelProbePlan(profile: profile, seed: seed, scratch: 0)
        switch try await buildImage(.kernel, tree: sides.kernel, chapter: chapter, bsp: .x86QemuVMM) {
        case .failure(let failure): kernelSide = .notBuilt(failure)
        case .success(let image):
            let symbols = try await ProbeSymbols.load(of: image)
            plan = KernelProbePlan(profile: profile, seed: seed, scratch: try symbols.address("pok_grader_scratch"),
                                   libpokIDs: libpokChecks.observedIDs)
            let driver = try KernelProbeDriver(plan: plan, symbols: symbols)
            kernelSide = .ran(try await ObservedRunner.run(image: image.elf, options: options, stopTimeout: stopTimeout,
                                                           empty: KernelProbeObservation()) { remote, seen throws(GDBRemoteError) in
                try driver.drive(remote, &seen)
            })
        }

        // 3. The same kernel on x86-qemu: gate 45 must be absent.
        let boardSide: ProbeSide<KernelProbeObservation>
        switch try await buildImage(.kernel, tree: sides.kernel, chapter: chapter, bsp: .x86Qemu) {
        case .failure(let failure): boardSide = .notBuilt(failure)
        case .success(let image):
            let symbols = try await ProbeSymbols.load(of: image)
            let driver = try KernelProbeDriver(plan: KernelProbePlan(profile: profile, seed: seed, scratch: 0), symbols: symbols)
            boardSide = .ran(try await ObservedRunner.run(image: image.elf, options: options, stopTimeout: stopTimeout,
                                                          empty: KernelProbeObservation()) { remote, seen throws(GDBRemoteError) in
                try driver.attach(remote, &seen)
            })
        }

        let kernelChecks = KernelChecks(profile: profile, plan: plan, side: kernelSide)
        var judgements = kernelChecks.judge(libpokIDsObserved: libpokChecks.observedIDs != nil)
        if !judgements.contains(where: { $0.id == KernelChecks.idsEqual }) {
            judgements.append(.notRun(KernelChecks.idsEqual, needs: LibpokChecks.vector))
        }
        judgements.append(BoardCheck(profile: profile, side: boardSide).judge(vmm: kernelSide))
        judgements += libpokChecks.judge()

        // 4. Chapters 1–3 on the student's kernel (with the reference's Libpok, as in step 2).
        // They stand on the kernel side building and booting.
        if judgements.first(where: { $0.id == KernelChecks.runs })?.status == .passed {
            var regressionOptions = options
            regressionOptions.serialByteCap = QEMURunOptions().serialByteCap
            regressionOptions.timeout = .seconds(30)  // a scenario takes a second or two
            judgements += try await RegressionChecks.judge(RegressionChecks.chapters(before: Self.chapter), tree: sides.kernel, reference: course, options: regressionOptions, sandbox: Self.sandbox)
        } else {
            judgements += RegressionChecks.ids(before: Self.chapter).map { .notRun($0, needs: KernelChecks.runs) }
        }

        let forgery = Forgery.detect(kernel: kernelSide, plan: plan)
        if let forgery {
            // Nothing the kernel side showed is evidence any more: its checks earn nothing.
            judgements = judgements.map { judgement in
                guard !judgement.id.hasPrefix("libpok."), judgement.status == .passed else { return judgement }
                return .failed(judgement.id, observed: "not credited: \(forgery)", expected: "a run the grader can trust")
            }
        }
        let verdict = Self.verdict(forgery: forgery, kernel: kernelSide, libpok: libpokSide, judgements: judgements)
        return (judgements, verdict)
    }

    func buildImage(_ probe: GraderProbe, tree: Course, chapter: Chapter, bsp: BoardSupportPackage) async throws -> Result<KernelImage, BuildFailure> {
        do {
            // The side of the tree that is the reference's is built once, in the course, for every submission.
            return .success(try await BareMetalBuild(course: tree, sandbox: Self.sandbox, reference: course)
                .buildProbeImage(probe, chapter: chapter, bsp: bsp))
        } catch let failure as BuildFailure {
            return .failure(failure)
        }
    }

    static func verdict(forgery: String?, kernel: ProbeSide<KernelProbeObservation>, libpok: ProbeSide<LibpokProbeObservation>,
                        judgements: [Judgement]) -> GradeVerdict {
        RunVerdict.decide(forgery: forgery, built: [kernel.built, libpok.built],
                          runs: [kernel.ending, libpok.ending].compactMap { $0 }, judgements: judgements)
    }
}
