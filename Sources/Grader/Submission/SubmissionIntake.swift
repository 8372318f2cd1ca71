import Foundation
import PokdocKit

/// Stages a submission (a folder, `.zip`, `.tar.gz` or `.tgz`) for grading: a pristine copy of
/// the course, the assignment's editable files stubbed as in the starter kit, then the
/// submission's editable files copied over them. Nothing else of the submission is copied; what
/// differs from the course is listed in `ignored` (or `refused`, for archive entries that are
/// never extracted).
public struct SubmissionIntake: Sendable {
    public let course: Course
    public let manifest: AssignmentManifest
    public let chapter: Chapter
    public let limits: SubmissionLimits
    /// Where `tar` runs for a `.tar.gz` (it sees the archive and its destination only).
    public let sandbox: Sandbox

    public init(course: Course, manifest: AssignmentManifest, chapter: Chapter,
                limits: SubmissionLimits = SubmissionLimits(), sandbox: Sandbox = Sandbox(writable: [])) {
        self.course = course
        self.manifest = manifest
        self.chapter = chapter
        self.limits = limits
        self.sandbox = sandbox
    }

    /// The staged tree is `scratch/tree`; an archive is unpacked into `scratch/submission`.
    /// `scratch` may exist but must not hold either.
    public func stage(_ submission: URL, into scratch: URL) async throws -> StagedSubmission {
        let submission = submission.standardizedFileURL
        let scratch = scratch.standardizedFileURL
        let kind = try SubmissionArchive.kind(of: submission)
        let tree = scratch.appendingPathComponent("tree")
        let unpacked = scratch.appendingPathComponent("submission")
        for folder in [tree, unpacked] where FileManager.default.fileExists(atPath: folder.path) {
            throw SubmissionError.scratchInUse(folder.path)
        }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        do {
            return try await stage(submission, kind: kind, tree: tree, unpacked: unpacked)
        } catch {
            // Only what this call made: both folders were absent before it.
            try? FileManager.default.removeItem(at: tree)
            try? FileManager.default.removeItem(at: unpacked)
            throw error
        }
    }

    private func stage(_ submission: URL, kind: SubmissionArchive.Kind, tree: URL, unpacked: URL) async throws -> StagedSubmission {
        let top: URL
        var refused: [String] = []
        if kind == .folder {
            top = submission
        } else {
            refused = try await SubmissionArchive(limits: limits, sandbox: sandbox).extract(submission, kind: kind, into: unpacked)
            top = unpacked
        }
        let files = try Self.files(under: top, limit: limits.maxFiles, submission: submission.path)
        let root = try submissionRoot(in: top, submission: submission.path)

        // Every editable file: the submission's, or absent (`missing`); anything else is an error.
        var used: [String] = []
        var missing: [String] = []
        for path in manifest.editable {
            switch try Self.entry(path, in: root) {
            case .file: used.append(path)
            case .absent: missing.append(path)
            }
        }
        let prefix = root.path == top.path ? "" : String(root.path.dropFirst(top.path.count + 1)) + "/"
        let usedFromTop = Set(used.map { prefix + $0 })
        // A file the course holds byte for byte (a whole checkout handed in) is no edit: not listed.
        let ignored = files.filter { !usedFromTop.contains($0) && !isCourseCopy($0, prefix: prefix, top: top) }.sorted()

        try PristineTree.copy(course, to: tree)
        // The kit's stubs first, so a file the submission lacks is never the reference solution.
        try StarterKit(course: course).applySteps([], of: chapter, manifest, to: tree)
        for path in used {
            let source = root.appendingPathComponent(path)
            let size = (try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? NSNumber)?.uint64Value ?? 0
            guard size <= limits.maxBytes else { throw SubmissionError.tooLarge(submission.path, limit: limits.maxBytes) }
            let target = tree.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
        }
        return StagedSubmission(tree: tree, used: used, ignored: ignored, missing: missing, refused: refused)
    }

    /// Whether `path` (relative to `top`) is a file the course holds, byte for byte, at the same
    /// place relative to the submission's root.
    func isCourseCopy(_ path: String, prefix: String, top: URL) -> Bool {
        guard path.hasPrefix(prefix), !path.hasSuffix("/") else { return false }
        let mine = top.appendingPathComponent(path).path
        let theirs = course.root.appendingPathComponent(String(path.dropFirst(prefix.count))).path
        let fm = FileManager.default
        guard let a = try? fm.attributesOfItem(atPath: mine), let b = try? fm.attributesOfItem(atPath: theirs),
              a[.type] as? FileAttributeType == .typeRegular, b[.type] as? FileAttributeType == .typeRegular,
              (a[.size] as? NSNumber) == (b[.size] as? NSNumber) else { return false }
        return fm.contentsEqual(atPath: mine, andPath: theirs)
    }

    /// The folder holding the editable paths: `top`, or the single folder inside it (e.g.
    /// `student-kit/`, as a zip of the kit's folder has), and so on down.
    func submissionRoot(in top: URL, submission: String) throws -> URL {
        let fm = FileManager.default
        var root = top
        while !manifest.editable.contains(where: { Self.exists(root.appendingPathComponent($0)) }) {
            let entries = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? [])
                .filter { !$0.hasPrefix(".") && $0 != "__MACOSX" }
            guard entries.count == 1, Self.isPlainDirectory(root.appendingPathComponent(entries[0])) else {
                let searched = root.path == top.path ? "its top folder" : String(root.path.dropFirst(top.path.count + 1)) + "/"
                throw SubmissionError.noEditableFile(submission, lookedFor: manifest.editable, searched: searched)
            }
            root = root.appendingPathComponent(entries[0])
        }
        return root
    }

    enum Entry { case file, absent }

    /// What stands at an editable path: a regular file or nothing; a folder, a link (at the path
    /// or on the way to it) or a special file is an error.
    static func entry(_ path: String, in root: URL) throws -> Entry {
        var current = root
        let components = path.split(separator: "/").map(String.init)
        for (index, component) in components.enumerated() {
            current = current.appendingPathComponent(component)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: current.path) else { return .absent }
            let type = attributes[.type] as? FileAttributeType
            let last = index == components.count - 1
            if type == .typeSymbolicLink {
                throw SubmissionError.editableNotAFile(path, kind: last ? "a symbolic link" : "reached through the symbolic link \(components[...index].joined(separator: "/"))")
            }
            if last {
                switch type {
                case .typeRegular: return .file
                case .typeDirectory: throw SubmissionError.editableNotAFile(path, kind: "a folder")
                default: throw SubmissionError.editableNotAFile(path, kind: "a special file")
                }
            } else if type != .typeDirectory {
                return .absent
            }
        }
        return .absent
    }

    static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }

    static func isPlainDirectory(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType) == .typeDirectory
    }

    /// Every non-folder under `top`, relative to it, links not followed; at most `limit`. A
    /// `.build` or `.git` folder is listed as itself (`path/`), not entered.
    static func files(under top: URL, limit: Int, submission: String) throws -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? top : top.appendingPathComponent(relative)
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                if isPlainDirectory(top.appendingPathComponent(path)) {
                    // A kit folder's build products and history: one line, not thousands of files.
                    if PristineTree.skippedNames.contains(name) {
                        result.append(path + "/")
                        continue
                    }
                    pending.append(path)
                } else {
                    result.append(path)
                    guard result.count <= limit else { throw SubmissionError.tooManyFiles(submission, limit: limit) }
                }
            }
        }
        return result
    }
}
