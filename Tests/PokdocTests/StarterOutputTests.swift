import Foundation
import Testing
@testable import PokdocKit

/// A copy of the course (Package.swift, Sources, Chapters) in a temporary directory, so a kit
/// that wrongly lands inside "the course" lands in the copy, never in the repository.
func plainCourseCopy() throws -> Course {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pok-course-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for item in ["Package.swift", "Sources", "Chapters"] {
        try FileManager.default.copyItem(at: CourseFixture.root.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    return Course(root: root)
}

/// Every file under `root`, relative to it.
func files(under root: URL) -> Set<String> {
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    return Set((enumerator?.allObjects as? [String]) ?? [])
}

/// Rule: `pokdoc starter --out DIR` writes only to a new or empty folder outside the course
/// (symlinks and `..` resolved), refuses anything else in plain words before writing a byte,
/// and removes what it wrote when it fails half-way.
@Suite("Chapter 0 — the student kit goes only where it can and should")
struct Chapter00StarterOutput {
    @Test("a folder inside the course is refused and nothing is written", arguments: [
        "Sources/kit", "Chapters/06-kit", ".", "Chapters/../Sources/Kernel/kit",
    ])
    func insideCourse(_ relative: String) throws {
        let course = try plainCourseCopy()
        defer { try? FileManager.default.removeItem(at: course.root) }
        let before = files(under: course.root)
        let requested = URL(fileURLWithPath: course.root.path + "/" + relative)
        #expect(throws: StarterError.outputInsideCourse(KitOutputFolder.resolved(requested.path), course: KitOutputFolder.resolved(course.root.path))) {
            _ = try StarterKit(course: course).write(to: requested)
        }
        #expect(files(under: course.root) == before, "the refused kit left files in the course")
        #expect(try course.chapters().count == (try CourseFixture.course.chapters().count), "every later command must still load the course")
    }

    @Test("a symlink or `..` that leads into the course is refused")
    func disguisedPaths() throws {
        let course = try plainCourseCopy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("pok-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: course.root)
            try? FileManager.default.removeItem(at: outside)
        }
        try FileManager.default.createSymbolicLink(at: outside.appendingPathComponent("link"), withDestinationURL: course.root.appendingPathComponent("Chapters"))
        let before = files(under: course.root)
        for requested in [outside.path + "/link/07-kit", outside.path + "/../" + course.root.lastPathComponent + "/Sources/kit"] {
            do {
                _ = try StarterKit(course: course).write(to: URL(fileURLWithPath: requested))
                Issue.record("\(requested) leads into the course but was accepted")
            } catch let error as StarterError {
                guard case .outputInsideCourse = error else { Issue.record("\(requested): \(error)"); continue }
            }
        }
        #expect(files(under: course.root) == before)
    }

    @Test("an existing file, a path through a file and an unwritable place get plain words")
    func unwritable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pok-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try "mine\n".write(to: file, atomically: true, encoding: .utf8)
        let proc = "/proc/pok-kit-\(UUID().uuidString)"
        let cases: [(String, String)] = [
            (file.path, "is a file, not a folder"),
            (file.path + "/kit", "notes.txt is a file, so no folder can be made inside it"),
            (proc, "cannot write the kit to \(proc)"),
        ]
        for (requested, needle) in cases {
            do {
                _ = try StarterKit(course: CourseFixture.course).write(to: URL(fileURLWithPath: requested))
                Issue.record("\(requested) was accepted")
            } catch let error as StarterError {
                let message = error.description
                #expect(message.contains(needle), "expected '\(needle)' in: \(message)")
                for jargon in ["NSCocoaErrorDomain", "Error Domain", "could not be completed", "NSPOSIX"] {
                    #expect(!message.contains(jargon), "Foundation's error text leaked: \(message)")
                }
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine\n", "the existing file must be untouched")
        #expect(!FileManager.default.fileExists(atPath: proc))
    }

    @Test("a kit that fails half-way is removed, down to the folders it created")
    func failureLeavesNothing() throws {
        let course = try courseCopy(mutating: "Chapters/04-hypercall-gate/assignment.yaml") {
            $0.replacingOccurrences(of: "editable:\n", with: "editable:\n  - Sources/Kernel/NoSuchFile.swift\n")
        }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("pok-out-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: course.root)
            try? FileManager.default.removeItem(at: outside)
        }
        #expect(throws: StarterError.missingEditableFile("Sources/Kernel/NoSuchFile.swift")) {
            _ = try StarterKit(course: course).write(to: outside.appendingPathComponent("new/kit"))
        }
        #expect(!FileManager.default.fileExists(atPath: outside.path), "the half-written kit (and the folders made for it) must be gone")

        // An empty folder the student made is emptied again, not removed.
        let empty = outside.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(throws: StarterError.self) { _ = try StarterKit(course: course).write(to: empty) }
        #expect(FileManager.default.fileExists(atPath: empty.path))
        #expect(files(under: empty).isEmpty, "the half-written kit must be gone: \(files(under: empty).sorted().prefix(5))")
    }
}
