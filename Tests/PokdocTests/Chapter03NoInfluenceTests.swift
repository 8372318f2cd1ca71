import Foundation
import Testing
@testable import PokdocKit

/// Chapter `number`'s kernel for `bsp`, booted with `idtdump`.
func liveIDT(chapter number: Int, bsp: BoardSupportPackage) async throws -> LiveIDT {
    try requireQEMU()
    return try await LiveIDT.boot(try CourseFixture.course.chapter(number), bsp: bsp, course: CourseFixture.course)
}

func expectedIDT(_ bsp: BoardSupportPackage) throws -> [String] {
    let file = try CourseFixture.course.chapter(3).directory.appendingPathComponent("expected/idt-\(bsp.rawValue).txt")
    return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
}

@Suite("Chapter 3 — the normal board is untouched", .serialized)
struct Chapter03NoInfluence {
    @Test("the x86-qemu image contains no VMM symbol")
    func noVMMSymbols() async throws {
        let chapter = try CourseFixture.course.chapter(3)
        let image: KernelImage
        do {
            image = try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: .x86Qemu))
        } catch {
            Issue.record("the x86-qemu kernel does not build without the VMM sources — VMM code is used outside `#if POK_NEEDS_X86_VMM` (Chapter 3, 'The guard'):\n\(error)")
            return
        }
        let leaked = try await KernelInspection.load(elf: image.elf.path).vmmSymbols
        #expect(leaked.isEmpty, "VMM code leaked into the x86-qemu image: \(leaked.prefix(8).joined(separator: ", ")) — guard it with #if POK_NEEDS_X86_VMM (Chapter 3, 'The guard')")
    }

    /// Chapter 4's gate function is left out: in the kit its entry stub does not call it yet.
    @Test("the x86-qemu-vmm image holds the hypercall entry stub and the interrupt prologues")
    func vmmSymbolsPresent() async throws {
        let chapter = try CourseFixture.course.chapter(3)
        let image = try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: .x86QemuVMM))
        let names = Set(try await KernelInspection.load(elf: image.elf.path).symbolNames)
        for symbol in ["pok_irq_prologue_0", "pok_irq_prologue_handler", "pok_hypercall_entry"] {
            #expect(names.contains(symbol), "the VMM image lacks \(symbol)")
        }
    }

    @Test("the x86-qemu live IDT is Chapter 2's, gate for gate, and has nothing at vector 45")
    func sameIDTAsChapter2() async throws {
        let afterSplit = try await liveIDT(chapter: 3, bsp: .x86Qemu).gates
        let chapter2 = try await liveIDT(chapter: 2, bsp: .x86Qemu).gates
        #expect(!afterSplit.contains { $0.hasPrefix("45 ") }, "the x86-qemu kernel has a gate at vector 45: VMM registration escaped the guard (Chapter 3, 'Proving the normal board is untouched')")
        #expect(afterSplit == chapter2, "the x86-qemu IDT differs from Chapter 2's:\n\(LiveIDT.difference(chapter2, afterSplit))")
        let recorded = try expectedIDT(.x86Qemu)
        #expect(afterSplit == recorded, "the x86-qemu IDT differs from expected/idt-x86-qemu.txt:\n\(LiveIDT.difference(recorded, afterSplit))")
    }

    /// Vector 45 is left out: it is Chapter 4's hypercall gate, absent until the student writes it.
    @Test("the x86-qemu-vmm live IDT differs from x86-qemu only at the timer, which leads to its prologue")
    func vmmIDT() async throws {
        let vmm = try await liveIDT(chapter: 3, bsp: .x86QemuVMM).gates.filter { !$0.hasPrefix("45 ") }
        let recorded = try expectedIDT(.x86QemuVMM)
        #expect(vmm == recorded, "the x86-qemu-vmm IDT differs from expected/idt-x86-qemu-vmm.txt:\n\(LiveIDT.difference(recorded, vmm))")
        let normal = Set(try expectedIDT(.x86Qemu))
        let changed = Set(vmm).symmetricDifference(normal).map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(Set(changed) == ["32"], "the boards should differ at vector 32 only (45 aside), not at \(Set(changed).sorted())")
    }

    @Test("every chapter that allows both BSPs builds for both")
    func everyChapterBuildsForEachAllowedBSP() async throws {
        for chapter in try CourseFixture.course.chapters() where chapter.frontMatter.program != nil {
            for bsp in chapter.allowedBSPs {
                do {
                    _ = try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: bsp))
                } catch {
                    Issue.record("chapter \(chapter.number) does not build for \(bsp): \(error)")
                }
            }
        }
    }
}

@Suite("Chapter 3 — breaking the guard is caught", .serialized)
struct Chapter03GuardMutants {
    @Test("the unmodified course passes the no-influence check")
    func cleanCoursePasses() async {
        let problems = await NoInfluenceCheck(course: CourseFixture.course).problems()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("a gate registered at vector 45 outside the guard is caught")
    func unguardedGate() async throws {
        let mutant = try courseCopy(mutating: "Sources/Kernel/Arch/X86/Event.swift") {
            $0.replacingOccurrences(of: "    Exceptions.initialize()\n", with: "    Exceptions.initialize()\n    IDT.setGate(45, stub: .syscall, type: .interrupt32, privilegeLevel: 3)\n")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let problems = await NoInfluenceCheck(course: mutant).problems()
        #expect(problems.contains { $0.contains("gate at vector 45") }, "not caught: \(problems)")
    }

    @Test("hypercallInit() called outside the guard is caught")
    func unguardedCall() async throws {
        let mutant = try courseCopy(mutating: "Sources/Kernel/Arch/X86/Event.swift") {
            $0.replacingOccurrences(of: "    Exceptions.initialize()\n", with: "    Exceptions.initialize()\n    hypercallInit()\n")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let problems = await NoInfluenceCheck(course: mutant).problems()
        #expect(problems.contains { $0.contains("outside `#if POK_NEEDS_X86_VMM`") }, "not caught: \(problems)")
    }
}

@Suite("Chapter 3 — QEMU scenarios")
struct Chapter03Scenarios {
    @Test("scenario", arguments: CourseFixture.scenarios(ofChapter: 3))
    func scenario(_ scenarioCase: ScenarioCase) async throws {
        try await runScenario(scenarioCase)
    }
}
