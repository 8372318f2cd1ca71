// Submissions made at test time: folders, zips (ZIPFoundation) and tar.gz (tar), under a
// per-test workspace in the checkout's .build (not /tmp, which the sandbox replaces).
import Foundation
import Grader
import PokdocKit
import Testing
import ZIPFoundation

struct SubmissionWorkspace {
    let root = GraderFixture.course.root.appendingPathComponent(".build/grader-tests/\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes `files` (relative path → text) under `folder`.
    @discardableResult
    func write(_ files: [String: String], under folder: String) throws -> URL {
        let base = url(folder)
        for (path, text) in files {
            let file = base.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }

    /// Every path under the workspace (relative), to show nothing appeared outside a scratch folder.
    func listing() -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        return Set((enumerator?.allObjects as? [String]) ?? [])
    }
}

enum SubmissionFixture {
    static var course: Course { GraderFixture.course }
    static func chapter() throws -> Chapter { try course.chapter(4) }
    static func manifest() throws -> AssignmentManifest { try AssignmentManifest.load(try chapter()) }

    static func intake(limits: SubmissionLimits = SubmissionLimits()) throws -> SubmissionIntake {
        SubmissionIntake(course: course, manifest: try manifest(), chapter: try chapter(), limits: limits)
    }

    /// The reference (course) text of `path`.
    static func reference(_ path: String) throws -> String {
        try String(contentsOf: course.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The starter kit's text of an editable `path`: the reference with every step stubbed.
    static func stub(_ path: String) throws -> String {
        let manifest = try manifest()
        return try SolutionMarkers.strip(try reference(path), file: path, chapter: manifest.chapter,
                                         chapterFile: "Chapters/\(try chapter().directory.lastPathComponent)/chapter.md")
    }

    /// `folder` zipped with its name as the archive's top folder.
    static func zip(_ folder: URL, to archive: URL) throws {
        try FileManager.default.zipItem(at: folder, to: archive, shouldKeepParent: true)
    }

    /// `folder` as a .tar.gz with its name as the archive's top folder (GNU tar).
    static func tarGz(_ folder: URL, to archive: URL) throws {
        try run("/bin/tar", ["-czf", archive.path, "-C", folder.deletingLastPathComponent().path, folder.lastPathComponent])
    }

    /// A .tar.gz with entries tar will not make from a folder (`..`, absolute names, devices),
    /// written by Python's tarfile: (name, type, content or link target).
    static func handMadeTarGz(_ entries: [(name: String, type: String, data: String)], to archive: URL) throws {
        let spec = entries.map { "(\($0.name.debugDescription), \($0.type.debugDescription), \($0.data.debugDescription))" }.joined(separator: ", ")
        let script = """
        import io, sys, tarfile
        entries = [\(spec)]
        with tarfile.open(sys.argv[1], "w:gz", format=tarfile.GNU_FORMAT) as t:
            for name, kind, data in entries:
                info = tarfile.TarInfo(name)
                if kind == "file":
                    body = data.encode(); info.size = len(body); t.addfile(info, io.BytesIO(body))
                else:
                    info.type = {"symlink": tarfile.SYMTYPE, "hardlink": tarfile.LNKTYPE, "chardev": tarfile.CHRTYPE, "fifo": tarfile.FIFOTYPE}[kind]
                    info.linkname = data
                    t.addfile(info)
        """
        try run("/usr/bin/python3", ["-c", script, archive.path])
    }

    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "\(executable) \(arguments.joined(separator: " ")) failed: \(message)")
    }
}
