import Foundation

/// Why a submission could not be staged. Each says what was looked at and what to do; none is
/// the grader's own fault (a staged submission that then fails to build is a verdict, not this).
public enum SubmissionError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(String)
    case unknownArchiveType(String)
    case corruptArchive(String, reason: String)
    case tooLarge(String, limit: UInt64)
    case tooManyFiles(String, limit: Int)
    /// No editable path of the manifest under the submission (or its single top folder).
    case noEditableFile(String, lookedFor: [String], searched: String)
    /// An editable path that is not a regular file: `kind` says what it is.
    case editableNotAFile(String, kind: String)
    case scratchInUse(String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "submission \(path) does not exist"
        case .unknownArchiveType(let path):
            "submission \(path) is neither a folder nor an archive the grader reads (.zip, .tar.gz, .tgz)"
        case .corruptArchive(let path, let reason):
            "submission \(path) is not a readable archive: \(reason)"
        case .tooLarge(let path, let limit):
            "submission \(path) expands to more than \(SubmissionLimits.describe(bytes: limit)), the grader's limit; submit only the assignment's files"
        case .tooManyFiles(let path, let limit):
            "submission \(path) holds more than \(limit) files, the grader's limit; submit only the assignment's files"
        case .noEditableFile(let path, let lookedFor, let searched):
            "submission \(path) holds none of the assignment's editable files (looked in \(searched) for: \(lookedFor.joined(separator: ", ")))"
        case .editableNotAFile(let path, let kind):
            "the submission's \(path) is \(kind), not a file; the assignment lets a submission replace only files"
        case .scratchInUse(let path):
            "the scratch folder \(path) is already in use; stage each submission into a new scratch folder"
        }
    }
}

/// How much an archive may expand to. A submission is a handful of source files; these bound
/// what a hostile archive (a zip bomb, a million empty files) can cost before grading starts.
public struct SubmissionLimits: Sendable, Equatable {
    /// Bytes of all extracted files together (and of any one editable file of a folder submission).
    public var maxBytes: UInt64
    /// Files (not folders) in the submission.
    public var maxFiles: Int

    public init(maxBytes: UInt64 = 64 << 20, maxFiles: Int = 10_000) {
        self.maxBytes = maxBytes
        self.maxFiles = maxFiles
    }

    static func describe(bytes: UInt64) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
