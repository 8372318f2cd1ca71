// A hostile submission against the intake and the sandboxed build: it cannot read the rubric or
// another submission, cannot write its tree or anything outside its scratch folder, and an
// archive cannot place files outside the scratch folder. Each has a control that succeeds
// without the sandbox (or for the folder the build may write), so it is the sandbox that stops it.
import Foundation
import Grader
@testable import PokdocKit
import Testing
import ZIPFoundation

@Suite("Hostile submissions: no reading the rubric or another submission, no writing outside scratch")
struct HostileSubmissionTests {
    static let gate = "Sources/Runtime/gate-entries.S"

    /// A submission folder holding every editable file: the reference's, with `gateSuffix`
    /// appended to the gate entries (assembly the student controls).
    static func submission(in work: SubmissionWorkspace, named name: String, gateSuffix: String = "") throws -> URL {
        var files: [String: String] = [:]
        for path in try SubmissionFixture.manifest().editable { files[path] = try SubmissionFixture.reference(path) }
        files[gate]! += gateSuffix
        return try work.write(files, under: name)
    }

    /// `.incbin` of `path` into the kernel's .text (kept by the link: the gate entries live there).
    static func incbin(_ path: String) -> String {
        "\n    .section .text\nstolen_bytes:\n    .incbin \"\(path)\"\n"
    }

    static func build(_ staged: StagedSubmission, sandboxed: Bool) async throws -> KernelImage {
        let chapter = try staged.course.chapter(4)
        let builder = BareMetalBuild(course: staged.course, sandbox: sandboxed ? Sandbox(writable: []) : nil)
        return try await builder.build(BuildConfiguration(chapter: chapter))
    }

    static func containsBytes(_ file: URL, _ needle: String) throws -> Bool {
        let data = try Data(contentsOf: file)
        return data.range(of: Data(needle.utf8)) != nil
    }

    @Test("an .incbin of the rubric fails in the sandbox ('not found'); control: without it the rubric's bytes land in the kernel", arguments: [true, false])
    func readRubric(_ sandboxed: Bool) async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let secret = "RUBRIC-SECRET-\(UUID().uuidString)"
        let rubric = try work.write(["rubric.yaml": "checks: {}  # \(secret)\n"], under: "instructor").appendingPathComponent("rubric.yaml")
        let submission = try Self.submission(in: work, named: "hostile", gateSuffix: Self.incbin(rubric.path))
        let staged = try await SubmissionFixture.intake().stage(submission, into: work.url("scratch"))
        if sandboxed {
            do {
                let image = try await Self.build(staged, sandboxed: true)
                Issue.record("the sandboxed build read the rubric into \(image.elf.path) (only the tree is bound)")
            } catch let failure as BuildFailure {
                #expect(failure.step == "assemble gate-entries.S", "\(failure.step)")
                #expect(failure.output.contains(rubric.path) && !failure.output.contains(secret),
                        "the assembler should report it cannot find \(rubric.path), and nothing of it: \(failure.output)")
            }
        } else {
            let image = try await Self.build(staged, sandboxed: false)
            #expect(try Self.containsBytes(image.elf, secret), "control: outside the sandbox .incbin reads the rubric into the kernel")
        }
    }

    @Test("an .incbin of another staged submission's file fails in the sandbox, while that submission builds there itself")
    func readAnotherSubmission() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let intake = try SubmissionFixture.intake()
        let other = try await intake.stage(try Self.submission(in: work, named: "b"), into: work.url("scratch-b"))
        // Control, and the proof that Embedded Swift compiles in the sandbox: B builds.
        let image = try await Self.build(other, sandboxed: true)
        #expect(FileManager.default.fileExists(atPath: image.elf.path))
        let target = other.tree.appendingPathComponent(Self.gate).path
        let staged = try await intake.stage(try Self.submission(in: work, named: "a", gateSuffix: Self.incbin(target)), into: work.url("scratch-a"))
        await #expect(throws: BuildFailure.self, "A's sandboxed build read B's \(target)") {
            _ = try await Self.build(staged, sandboxed: true)
        }
    }

    @Test("the build's sandbox: the tree, the rubric's folder and another submission are read-only or absent; only .build/pok is writable")
    func buildCannotWriteOutside() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let intake = try SubmissionFixture.intake()
        let rubric = try work.write(["rubric.yaml": "checks: {}\n"], under: "instructor").appendingPathComponent("rubric.yaml")
        let staged = try await intake.stage(try Self.submission(in: work, named: "a"), into: work.url("scratch-a"))
        let other = try await intake.stage(try Self.submission(in: work, named: "b"), into: work.url("scratch-b"))
        let chapter = try staged.course.chapter(4)
        let program = try BuildConfiguration(chapter: chapter).program
        let sandbox = try #require(try BareMetalBuild(course: staged.course, sandbox: Sandbox(writable: [])).sandbox(for: program))
        func shell(_ script: String) async throws -> Bool {
            try await sandbox.run("/bin/sh", ["-c", script]).status == .exited(0)
        }
        let buildFolder = staged.course.buildDirectory.path
        #expect(try await shell("echo object > '\(buildFolder)/probe.o'"), "control: the build writes its own .build/pok")
        #expect(try await shell("cat '\(staged.tree.path)/\(Self.gate)' > /dev/null"), "control: the build reads its tree")
        let forbidden = [
            ("write its own tree", "echo hacked >> '\(staged.tree.path)/\(Self.gate)'"),
            ("read the rubric", "cat '\(rubric.path)'"),
            ("write the report folder", "echo full > '\(rubric.deletingLastPathComponent().path)/report.json'"),
            ("read another submission", "cat '\(other.tree.path)/\(Self.gate)'"),
            ("write another submission", "echo x >> '\(other.tree.path)/\(Self.gate)'"),
        ]
        for (what, script) in forbidden {
            #expect(try await !shell(script), "a sandboxed build step could \(what): \(script)")
        }
        // Beside the tree, bwrap's own root holds the folders leading to the binds: a write there
        // may succeed, but it lands in the sandbox's throwaway root, never in the host's folder.
        let beside = work.url("scratch-a/report.json")
        _ = try await shell("echo x > '\(beside.path)'")
        #expect(!FileManager.default.fileExists(atPath: beside.path), "a sandboxed build step wrote \(beside.path) beside its tree")
        #expect(try String(contentsOf: staged.tree.appendingPathComponent(Self.gate), encoding: .utf8) == (try SubmissionFixture.reference(Self.gate)))
        #expect(try String(contentsOf: other.tree.appendingPathComponent(Self.gate), encoding: .utf8) == (try SubmissionFixture.reference(Self.gate)))
        #expect(!FileManager.default.fileExists(atPath: rubric.deletingLastPathComponent().appendingPathComponent("report.json").path))
    }

    // MARK: archives that try to leave the scratch folder

    static func escapeNames(_ work: SubmissionWorkspace, _ tag: String) -> [String] {
        ["../../escape-\(tag).txt", "student-kit/../../../escape-\(tag).txt", work.url("absolute-\(tag).txt").path]
    }

    /// Stages `archive` and checks nothing appeared outside the scratch folder, in the workspace
    /// or beside it, and that every hostile entry is listed as refused.
    static func expectContained(_ archive: URL, in work: SubmissionWorkspace, refusing hostile: [String]) async throws {
        let parent = work.root.deletingLastPathComponent()
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
        let workBefore = work.listing()
        let staged = try await SubmissionFixture.intake().stage(archive, into: work.url("scratch"))
        let added = work.listing().subtracting(workBefore)
        #expect(added.allSatisfy { $0.hasPrefix("scratch") }, "written outside the scratch folder: \(added.filter { !$0.hasPrefix("scratch") })")
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: parent.path))
        #expect(after.subtracting(before).allSatisfy { !$0.contains("escape") }, "an entry escaped beside the workspace: \(after.subtracting(before))")
        for name in hostile {
            #expect(staged.refused.contains { $0.hasPrefix(name + " (") }, "\(name) should be listed as refused: \(staged.refused)")
        }
        #expect(staged.used == [SubmissionIntakeTests.edited], "the archive's safe editable file is still used")
        let scratchFiles = (FileManager.default.enumerator(atPath: work.url("scratch/submission").path)?.allObjects as? [String]) ?? []
        #expect(!scratchFiles.contains { $0.contains("escape") || $0.hasSuffix("link") || $0.hasSuffix("device") || $0.hasSuffix("pipe") },
                "refused entries were extracted: \(scratchFiles)")
    }

    @Test("a zip with '..', absolute and symlink entries writes nothing outside scratch and lists them")
    func zipEscape() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let tag = UUID().uuidString.prefix(8)
        let url = work.url("hostile.zip")
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ name: String, _ text: String, type: Entry.EntryType = .file) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: type, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let hostile = Self.escapeNames(work, String(tag))
        for name in hostile { try add(name, "escaped\n") }
        try add("student-kit/link", "/etc/passwd", type: .symlink)
        try add("student-kit/\(SubmissionIntakeTests.edited)", "// mine\n")
        try await Self.expectContained(url, in: work, refusing: hostile + ["student-kit/link"])
    }

    @Test("a tar.gz with '..', absolute, link, device and pipe entries writes nothing outside scratch and lists them")
    func tarEscape() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let tag = String(UUID().uuidString.prefix(8))
        let url = work.url("hostile.tar.gz")
        let hostile = Self.escapeNames(work, tag)
        try SubmissionFixture.handMadeTarGz(hostile.map { ($0, "file", "escaped\n") } + [
            ("student-kit/\(SubmissionIntakeTests.edited)", "file", "// mine\n"),
            ("student-kit/link", "symlink", "/etc/passwd"),
            ("student-kit/hardlink", "hardlink", "/etc/passwd"),
            ("student-kit/device", "chardev", ""),
            ("student-kit/pipe", "fifo", ""),
        ], to: url)
        try await Self.expectContained(url, in: work, refusing: hostile + ["student-kit/link", "student-kit/hardlink", "student-kit/device", "student-kit/pipe"])
    }
}
