// SubmissionIntake: a folder, a .zip or a .tar.gz staged onto a pristine course tree.
import Foundation
import Grader
import PokdocKit
import Testing
import ZIPFoundation

@Suite("Submission intake: editable files onto a pristine tree, the rest ignored")
struct SubmissionIntakeTests {
    enum Form: String, CaseIterable, Sendable { case folder, zip, tarGz }

    static let edited = "Sources/Kernel/Core/Hypercall.swift"
    /// Not in the manifest: a submission's change to it must not reach the tree.
    static let outside = "Sources/Kernel/Core/SyscallID.swift"
    static let unchanged = "Sources/Kernel/Core/Time.swift"

    /// The submission `student-kit/` (one editable file, one file outside the manifest, notes) in `form`.
    static func submission(_ form: Form, in work: SubmissionWorkspace, marker: String, notes: String = "my notes\n") throws -> URL {
        let kit = try work.write([
            edited: try SubmissionFixture.reference(edited) + "\n// the student's \(marker)\n",
            outside: "// edited outside the manifest \(marker)\n",
            // Handed in unchanged (a whole checkout): no edit, so not listed.
            unchanged: try SubmissionFixture.reference(unchanged),
            "NOTES.txt": notes,
        ], under: "made/student-kit")
        switch form {
        case .folder: return work.url("made")
        case .zip: try SubmissionFixture.zip(kit, to: work.url("submission.zip")); return work.url("submission.zip")
        case .tarGz: try SubmissionFixture.tarGz(kit, to: work.url("submission.tar.gz")); return work.url("submission.tar.gz")
        }
    }

    @Test("a folder, a zip and a tar.gz each stage: the editable file lands, the rest is ignored and listed, missing files are the kit's stubs", arguments: Form.allCases)
    func stages(_ form: Form) async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let marker = UUID().uuidString
        let submission = try Self.submission(form, in: work, marker: marker)
        let staged = try await SubmissionFixture.intake().stage(submission, into: work.url("scratch"))
        let manifest = try SubmissionFixture.manifest()
        func text(_ path: String) throws -> String { try String(contentsOf: staged.tree.appendingPathComponent(path), encoding: .utf8) }

        #expect(staged.used == [Self.edited], "the one editable file the submission has")
        #expect(try text(Self.edited).contains(marker), "the submission's \(Self.edited) must be in the staged tree")
        #expect(staged.ignored == ["student-kit/NOTES.txt", "student-kit/\(Self.outside)"],
                "files outside the manifest that the course lacks or holds otherwise are listed, relative to the submission's top (\(Self.unchanged), the course's bytes, is not): \(staged.ignored)")
        #expect(try text(Self.outside) == (try SubmissionFixture.reference(Self.outside)),
                "\(Self.outside) is not editable: the tree keeps the course's version")
        #expect(staged.missing == manifest.editable.filter { $0 != Self.edited })
        for path in staged.missing {
            let stub = try SubmissionFixture.stub(path)
            #expect(try text(path) == stub, "\(path), missing from the submission, must be the starter kit's stub")
            #expect(try text(path) != (try SubmissionFixture.reference(path)), "\(path): a missing file must never be the reference solution")
        }
        #expect(staged.refused.isEmpty)
        // A buildable course: Package.swift, Sources (its link kept), Chapters; no build products.
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: staged.tree.appendingPathComponent("Package.swift").path))
        #expect((try? fm.destinationOfSymbolicLink(atPath: staged.tree.appendingPathComponent("Sources/KernelX86Qemu").path)) == "Kernel",
                "Sources/KernelX86Qemu stays a link to Kernel")
        #expect(!fm.fileExists(atPath: staged.tree.appendingPathComponent(".build").path), "the pristine copy carries no .build")
        #expect(try staged.course.chapter(4).number == 4)
    }

    @Test("a submission whose files are at its top (no enclosing folder) stages too; its .build is one ignored entry")
    func flatFolder() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        var files = [Self.edited: "// mine\n"]
        // A kit folder as the student has it, build products included: far past the file limit.
        for index in 0..<20 { files[".build/debug/object-\(index).o"] = "o" }
        let folder = try work.write(files, under: "flat")
        let staged = try await SubmissionFixture.intake(limits: SubmissionLimits(maxFiles: 10)).stage(folder, into: work.url("scratch"))
        #expect(staged.used == [Self.edited])
        #expect(staged.ignored == [".build/"], "a .build folder is ignored as one entry, not walked: \(staged.ignored)")
    }

    // MARK: precise errors

    static func stageError(_ submission: URL, in work: SubmissionWorkspace, limits: SubmissionLimits = SubmissionLimits()) async throws -> SubmissionError? {
        do {
            _ = try await SubmissionFixture.intake(limits: limits).stage(submission, into: work.url("scratch"))
            return nil
        } catch let error as SubmissionError {
            return error
        }
    }

    @Test("a path that does not exist")
    func notFound() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let error = try await Self.stageError(work.url("nowhere.zip"), in: work)
        #expect(error == .notFound(work.url("nowhere.zip").path))
        #expect(error?.description == "submission \(work.url("nowhere.zip").path) does not exist")
    }

    @Test("a file that is not an archive the grader reads")
    func unknownType() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        try work.write(["submission.rar": "Rar!"], under: ".")
        let error = try await Self.stageError(work.url("submission.rar"), in: work)
        #expect(error == .unknownArchiveType(work.url("submission.rar").standardizedFileURL.path))
        #expect(error?.description.contains(".zip, .tar.gz, .tgz") == true, "\(String(describing: error))")
    }

    @Test("a corrupt zip and a corrupt tar.gz", arguments: ["submission.zip", "submission.tar.gz"])
    func corrupt(_ name: String) async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        try work.write([name: "this is not an archive\n"], under: ".")
        let error = try await Self.stageError(work.url(name), in: work)
        guard case .corruptArchive(let path, let reason) = error else {
            Issue.record("expected corruptArchive, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix(name) && !reason.isEmpty, "\(reason)")
        #expect(error?.description.contains("is not a readable archive") == true)
    }

    @Test("a submission with none of the editable files names what was looked for")
    func noEditableFile() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        try work.write(["homework/notes.txt": "nothing\n", "homework/Sources/Other.swift": "//\n"], under: "sub")
        let error = try await Self.stageError(work.url("sub"), in: work)
        let manifest = try SubmissionFixture.manifest()
        #expect(error == .noEditableFile(work.url("sub").path, lookedFor: manifest.editable, searched: "homework/"))
        for path in manifest.editable {
            #expect(error?.description.contains(path) == true, "the message names \(path): \(String(describing: error))")
        }
    }

    @Test("an editable path that is a folder, a link, or reached through a link")
    func editableNotAFile() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let fm = FileManager.default
        let gate = "Sources/Runtime/gate-entries.S"
        let folder = try work.write([gate + "/inside.txt": "x\n", Self.edited: "//\n"], under: "folder")
        #expect(try await Self.stageError(folder, in: work) == .editableNotAFile(gate, kind: "a folder"))

        let link = try work.write([Self.edited: "//\n"], under: "link")
        try fm.createDirectory(at: link.appendingPathComponent("Sources/Runtime"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: link.appendingPathComponent(gate).path, withDestinationPath: "/etc/passwd")
        let linkError = try await Self.stageError(link, in: work)
        #expect(linkError == .editableNotAFile(gate, kind: "a symbolic link"))
        #expect(linkError?.description == "the submission's \(gate) is a symbolic link, not a file; the assignment lets a submission replace only files")

        let through = try work.write(["real/Kernel/Core/Hypercall.swift": "//\n"], under: "through")
        try fm.createSymbolicLink(atPath: through.appendingPathComponent("Sources").path, withDestinationPath: "real")
        // The first editable path (in the manifest's order) already goes through the link.
        let first = try SubmissionFixture.manifest().editable[0]
        #expect(try await Self.stageError(through, in: work) == .editableNotAFile(first, kind: "reached through the symbolic link Sources"))
    }

    @Test("an archive larger than the limit, or with too many files, is refused before grading", arguments: [Form.zip, Form.tarGz])
    func limits(_ form: Form) async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        // The bulk is in a file the grader ignores: the archive's own limit must catch it.
        let submission = try Self.submission(form, in: work, marker: "m", notes: String(repeating: "x", count: 64 << 10))
        let reference = try SubmissionFixture.reference(Self.edited).utf8.count
        let small = SubmissionLimits(maxBytes: UInt64(reference + 4096), maxFiles: 100)
        let tooLarge = try await Self.stageError(submission, in: work, limits: small)
        #expect(tooLarge == .tooLarge(submission.path, limit: small.maxBytes), "\(String(describing: tooLarge))")
        #expect(tooLarge?.description.contains("more than \(small.maxBytes) bytes") == true)
        let few = SubmissionLimits(maxBytes: 64 << 20, maxFiles: 2)
        let tooMany = try await Self.stageError(submission, in: work, limits: few)
        #expect(tooMany == .tooManyFiles(submission.path, limit: 2), "\(String(describing: tooMany))")
    }

    @Test("a scratch folder already holding a staged tree is not overwritten")
    func scratchInUse() async throws {
        let work = try SubmissionWorkspace()
        defer { work.remove() }
        let submission = try Self.submission(.folder, in: work, marker: "m")
        _ = try await SubmissionFixture.intake().stage(submission, into: work.url("scratch"))
        let error = try await Self.stageError(submission, in: work)
        #expect(error == .scratchInUse(work.url("scratch/tree").path))
    }
}
