import Foundation

/// Chapter 3's proof that the VMM board leaves the normal board untouched, as one reusable check:
/// the `x86-qemu` kernel builds without any VMM source, its image has no VMM symbol, its live IDT
/// has no gate at vector 45 and equals the recorded table gate for gate, and it prints the
/// recorded transcript of the program it runs.
public struct NoInfluenceCheck: Sendable {
    public let course: Course
    /// The chapter whose `x86-qemu` kernel is checked.
    public var chapterNumber = 3
    /// The recorded IDT, relative to that chapter.
    public var recordedIDT = "expected/idt-x86-qemu.txt"

    public init(course: Course) { self.course = course }

    /// Every way the normal board was influenced; empty when it was not.
    public func problems() async -> [String] {
        let chapter: Chapter
        do { chapter = try course.chapter(chapterNumber) } catch { return ["cannot load chapter \(chapterNumber): \(error)"] }
        var problems: [String] = []

        // 1. It builds from the normal board's file set, and its symbols say nothing of a VMM.
        do {
            _ = try await BareMetalBuild(course: course).build(BuildConfiguration(chapter: chapter, bsp: .x86Qemu))
        } catch {
            return ["\(HostBuildFailure.unguardedVMMCode)\n\(error)"]
        }
        let live: LiveIDT
        do {
            live = try await LiveIDT.boot(chapter, bsp: .x86Qemu, course: course)
        } catch {
            return ["the x86-qemu kernel did not run: \(error)"]
        }
        let leaked = live.inspection.vmmSymbols
        if !leaked.isEmpty {
            problems.append("VMM code leaked into the x86-qemu image: \(leaked.prefix(6).joined(separator: ", ")) — guard it with #if POK_NEEDS_X86_VMM (Chapter 3, 'The guard')")
        }

        // 2. Its live IDT.
        if let gate = live.gates.first(where: { $0.hasPrefix("45 ") }) {
            problems.append("the x86-qemu kernel has a gate at vector 45 (\(gate)): VMM registration escaped the guard (Chapter 3, 'Proving the normal board is untouched')")
        }
        let file = chapter.directory.appendingPathComponent(recordedIDT)
        if let recorded = try? String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init) {
            let difference = LiveIDT.difference(recorded, live.gates)
            if !difference.isEmpty {
                problems.append("the x86-qemu IDT differs from \(recordedIDT):\n" + difference)
            }
        } else {
            problems.append("no recorded IDT at \(file.path)")
        }

        // 3. Its transcripts: every x86-qemu scenario of the chapter that pins one.
        for pinned in chapter.scenarios where pinned.transcript == true && (pinned.bsp ?? chapter.frontMatter.bsp) == .x86Qemu {
            let result = await ScenarioRunner(course: course).run(pinned, of: chapter)
            problems += result.problems.map { "scenario \(pinned.name): \($0)" }
        }
        return problems
    }
}
