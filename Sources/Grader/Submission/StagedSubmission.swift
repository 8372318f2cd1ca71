import Foundation
import PokdocKit

/// A submission staged for grading: a copy of the pristine course whose editable files are the
/// submission's (or the starter kit's stubs where the submission has none), and what was left out.
public struct StagedSubmission: Sendable, Equatable {
    /// The staged course root (Package.swift, Sources/, Chapters/); build it with `course`.
    public var tree: URL
    /// Editable paths (the manifest's) taken from the submission.
    public var used: [String]
    /// Every other file of the submission that the course lacks or holds with other bytes,
    /// relative to the submission's top (the folder or the archive's root), sorted: never copied.
    /// A `.build` or `.git` folder is one entry, `path/`.
    public var ignored: [String]
    /// Editable paths the submission lacks: the staged tree has the starter kit's stub for them,
    /// never the reference solution.
    public var missing: [String]
    /// Archive entries not extracted, each as `name (reason)`: absolute paths, `..`, links,
    /// devices and other special files.
    public var refused: [String]

    public var course: Course { Course(root: tree) }
}
