import Foundation
import Testing
@testable import PokdocKit

/// The course as a whole: every chapter loads, and every listing in the prose resolves to real code.
@Suite("Chapter 0 — the course's chapters")
struct Chapter00Course {
    @Test("every chapter's front matter parses and names programs that exist")
    func chaptersLoad() throws {
        let chapters = try CourseFixture.course.chapters()
        #expect(chapters.map(\.number) == Array(0..<chapters.count), "chapters must be numbered 0, 1, 2, … without gaps")
        #expect(chapters.count >= 3)
    }

    @Test("every {{#include}} in every chapter resolves to a real file and anchor")
    func includesResolve() throws {
        for chapter in try CourseFixture.course.chapters() {
            let resolved = try IncludeResolver().resolve(chapter.body, relativeTo: chapter.directory, file: chapter.markdownFile.path)
            #expect(!resolved.contains("{{#include"), "chapter \(chapter.number) still has an unresolved include")
        }
    }

    @Test("an include of a missing anchor is a precise error")
    func missingAnchor() throws {
        let chapter = try CourseFixture.course.chapter(1)
        #expect(throws: IncludeResolver.Unresolved.self) {
            try IncludeResolver().resolve("x\n{{#include ../../Sources/Kernel/Arch/X86/IDT.swift:no-such-anchor}}",
                                          relativeTo: chapter.directory, file: "test.md")
        }
        do {
            _ = try IncludeResolver().resolve("{{#include nowhere.swift:x}}", relativeTo: chapter.directory, file: "t.md")
            Issue.record("a missing file must not resolve")
        } catch let error as IncludeResolver.Unresolved {
            #expect(error.line == 1)
            #expect(error.reason.contains("no such file"))
        }
    }

    @Test("anchored regions drop nested anchor lines and dedent")
    func regionExtraction() {
        let text = """
        a
            // ANCHOR: outer
            let x = 1
            // ANCHOR: inner
            let y = 2
            // ANCHOR_END: inner
            // ANCHOR_END: outer
        """
        #expect(IncludeResolver.region(named: "outer", in: text) == "let x = 1\nlet y = 2")
        #expect(IncludeResolver.region(named: "missing", in: text) == nil)
    }

    @Test("a malformed chapter gets an error naming its file and the problem")
    func malformedChapter() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String)] = [
            ("no front matter here", "front matter block"),
            ("---\ntitle: x\n---\n", "number"),
            ("---\nnumber: 9\ntitle: x\nbsp: arm\n---\n", "bsp"),
            ("---\nnumber: 9\ntitle: x\nbsp: x86-qemu\nscenarios:\n  - name: a\n    program: nope.swift\n---\n", "nope.swift"),
        ]
        for (text, needle) in cases {
            try text.write(to: directory.appendingPathComponent("chapter.md"), atomically: true, encoding: .utf8)
            do {
                _ = try Chapter.load(from: directory)
                Issue.record("accepted a malformed chapter: \(text)")
            } catch let error as ChapterError {
                #expect(error.description.contains("chapter.md"), "\(error)")
                #expect(error.description.contains(needle), "expected '\(needle)' in: \(error)")
            }
        }
    }

    @Test("the x86-qemu build leaves out every VMM-only source; x86-qemu-vmm keeps them")
    func bspFileSelection() {
        for path in BoardSupportPackage.vmmOnlySources {
            #expect(!BoardSupportPackage.x86Qemu.includes(path + (path.hasSuffix("/") ? "X.swift" : "")))
            #expect(BoardSupportPackage.x86QemuVMM.includes(path + (path.hasSuffix("/") ? "X.swift" : "")))
        }
        #expect(!BoardSupportPackage.x86QemuVMM.includes("Kernel/Arch/X86/Seam/Hardware+HostModel.swift"))
        #expect(BoardSupportPackage.x86Qemu.defines.isEmpty)
        #expect(BoardSupportPackage.x86QemuVMM.defines == ["POK_NEEDS_X86_VMM"])
    }
}
