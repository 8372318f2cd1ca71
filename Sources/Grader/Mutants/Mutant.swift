// A classic mistake, as a patch against the reference solution: the grader's own test corpus
// (docs/grading.md, "The grader's own test"), also what `pokdoc bench grade` grades.
import Foundation
import PokdocKit

public struct Mutant: Sendable, CustomStringConvertible {
    /// One textual change to a file of the reference.
    public struct Edit: Sendable {
        public var file: String
        public var find: String
        public var replace: String
    }

    public var name: String
    public var summary: String
    public var edits: [Edit]
    /// Files the submission adds (path → text), e.g. outside the manifest.
    public var extraFiles: [String: String] = [:]

    public var description: String { name }

    public struct PatchDoesNotApply: Error, CustomStringConvertible {
        public var mutant: String
        public var file: String
        public var find: String
        public var description: String {
            "mutant \(mutant): \(file) no longer contains the text it patches (\(find.prefix(60).debugDescription)); update Sources/Grader/Mutants/MutantCorpus.swift to the reference"
        }
    }

    /// Writes the submission: the reference's editable files, patched, plus `extraFiles`.
    public func write(to folder: URL, reference course: Course, editable: [String]) throws {
        let fm = FileManager.default
        var contents: [String: String] = [:]
        for path in editable { contents[path] = try String(contentsOf: course.root.appendingPathComponent(path), encoding: .utf8) }
        for edit in edits {
            let text = try contents[edit.file] ?? String(contentsOf: course.root.appendingPathComponent(edit.file), encoding: .utf8)
            guard text.contains(edit.find) else { throw PatchDoesNotApply(mutant: name, file: edit.file, find: edit.find) }
            contents[edit.file] = text.replacingOccurrences(of: edit.find, with: edit.replace)
        }
        for (path, text) in extraFiles { contents[path] = text }
        for (path, text) in contents {
            let target = folder.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: target, atomically: true, encoding: .utf8)
        }
    }
}
