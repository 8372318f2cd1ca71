// A submission's tree builds only what it changed: stages whose inputs are the reference's, byte
// for byte, come from the reference's cache (built there once for a class). These keep the
// grader's throughput; each test names the mutant of BareMetalBuild it catches.
import Foundation
import Testing
@testable import PokdocKit

@Suite("BareMetalBuild reuses the reference's stages")
struct BuildReuseTests {
    /// The stage folders a tree built itself, by name (without their keys).
    static func ownStages(_ course: Course) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: course.buildDirectory.path)) ?? []
        return Set(names.filter { !$0.hasPrefix(".") }.map { name in
            String(name[..<(name.lastIndex(of: "-") ?? name.endIndex)])
        })
    }

    // Mutant: the image always linked in the tree (the linker never the reference's).
    @Test("a tree identical to the reference builds nothing: the image is the reference's own")
    func identicalTree() async throws {
        let tree = try courseCopy(mutating: "Chapters/01-boot-and-events/chapter.md") { $0 + "\n" }
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let chapter = try tree.chapter(1)
        let image = try await BareMetalBuild(course: tree, reference: CourseFixture.course)
            .build(BuildConfiguration(chapter: chapter, bsp: .x86Qemu))
        #expect(image.elf.path.hasPrefix(CourseFixture.course.buildDirectory.path + "/"), "the image is linked in the reference: \(image.elf.path)")
        #expect(Self.ownStages(tree).isEmpty, "the tree built nothing itself: \(Self.ownStages(tree))")
    }

    // Mutant: runtime files assembled in the tree whatever their bytes.
    @Test("a changed gate-entries.S is assembled in the tree; the other Runtime files come from the reference")
    func changedAssembly() async throws {
        let tree = try courseCopy(mutating: "Sources/Runtime/gate-entries.S") { $0 + "\n/* a student's comment */\n" }
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let chapter = try tree.chapter(4)
        let image = try await BareMetalBuild(course: tree, reference: CourseFixture.course)
            .build(BuildConfiguration(chapter: chapter, bsp: .x86QemuVMM))
        let own = Self.ownStages(tree)
        #expect(own.contains("runtime-gate-entries.S"), "the changed file is assembled here: \(own)")
        for name in ["boot.S", "entry-stubs.S", "prologue-vmm.S", "libc.c"] {
            #expect(!own.contains("runtime-\(name)"), "\(name) is the reference's, so is its object: \(own)")
        }
        #expect(own.contains("kernel-x86-qemu-vmm"), "the kernel stage is the tree's (its inputs changed): \(own)")
        #expect(image.elf.path.hasPrefix(tree.buildDirectory.path + "/"), "and so the image")
    }
}
