import Foundation
import Testing
@testable import PokdocKit

/// A course in a temporary directory: Package.swift and the given chapter folders (name → chapter.md).
func temporaryCourse(chapters: [String: String]) throws -> Course {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-course-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
    try "// swift-tools-version: 6.0\n".write(to: root.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    for (folder, text) in chapters {
        let directory = root.appendingPathComponent("Chapters/\(folder)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: directory.appendingPathComponent("chapter.md"), atomically: true, encoding: .utf8)
    }
    return Course(root: root)
}

/// Rule: the course's chapters are all there or the course is an error — no chapter hides
/// another, and no chapter names a program that is not there.
@Suite("Chapter 0 — the course refuses chapters that would hide or check nothing")
struct Chapter00CourseValidation {
    @Test("two chapter folders with the same number are an error naming both folders")
    func duplicateNumbers() throws {
        let chapter = "---\nnumber: 1\ntitle: t\nbsp: x86-qemu\n---\n"
        let course = try temporaryCourse(chapters: ["01-first": chapter, "01-second": chapter, "00-zero": "---\nnumber: 0\ntitle: z\nbsp: x86-qemu\n---\n"])
        defer { try? FileManager.default.removeItem(at: course.root) }
        #expect(throws: ChapterError.duplicateNumber(1, first: "Chapters/01-first", second: "Chapters/01-second")) {
            _ = try course.chapters()
        }
        // Every command goes through the chapter list, so asking for any chapter says so too.
        #expect(throws: ChapterError.duplicateNumber(1, first: "Chapters/01-first", second: "Chapters/01-second")) {
            _ = try course.chapter(0)
        }
    }

    @Test("a folder in Chapters/ named like a chapter but without chapter.md is an error naming it")
    func notAChapter() throws {
        let course = try temporaryCourse(chapters: ["00-zero": "---\nnumber: 0\ntitle: z\nbsp: x86-qemu\n---\n"])
        defer { try? FileManager.default.removeItem(at: course.root) }
        try FileManager.default.createDirectory(at: course.chaptersDirectory.appendingPathComponent("06-kit/Sources"), withIntermediateDirectories: true)
        #expect(throws: ChapterError.notAChapter("Chapters/06-kit")) { _ = try course.chapter(0) }
    }

    @Test("a chapter program that does not exist stops `pokdoc test 0` with its line, even in a chapter without scenarios")
    func missingProgram() throws {
        let mutant = try courseCopy(mutating: "Chapters/00-welcome/chapter.md") {
            $0.replacingOccurrences(of: "tests: Chapter00\n", with: "tests: Chapter00\nprogram: programs/missing.swift\n")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        do {
            _ = try mutant.chapter(0)
            Issue.record("chapter 0 loaded with a program that does not exist")
        } catch let error as ChapterError {
            #expect(error.description.contains("00-welcome/chapter.md:6: program programs/missing.swift does not exist"), "\(error)")
        }
    }
}
