// Why a batch cannot start or go on (docs/grading.md, "Grading a class locally"). Each names the
// path, and for the gradebook the real line; a bad *submission* is never one of these: it is a row.

public enum BatchError: Error, Equatable, CustomStringConvertible {
    case noSubmissions
    case badJobs(Int)
    case submissionHasNoName(String)
    case submissionMissing(String)
    /// A file that is neither a folder nor a `.zip`, `.tar.gz` or `.tgz`.
    case notASubmission(String)
    /// Another batch is writing this output folder's gradebook now.
    case outputInUse(String)
    /// Two submissions with one name (e.g. `a/alice` and `b/alice.zip`): the gradebook keys rows by name.
    case duplicateSubmission(name: String, paths: [String])
    case outputIsFile(String)
    case outputUnwritable(String, reason: String)
    /// The output folder holds files and `resume` was not asked for: nothing is overwritten.
    case outputNotEmpty(String)
    /// The gradebook's header is not the one this rubric gives.
    case gradebookColumnsDiffer(String, expected: [String], found: [String])
    case gradebookMalformed(String, line: Int, problem: String)
    case gradebookDuplicateRow(String, name: String, line: Int, firstLine: Int)
    case cannotWriteGradebook(String, reason: String)
    case cannotWriteReport(String, reason: String)

    public var description: String {
        switch self {
        case .noSubmissions:
            "no submissions given: name folders, .zip or .tar.gz files"
        case .badJobs(let jobs):
            "--jobs \(jobs): grade at least 1 submission at a time"
        case .submissionHasNoName(let path):
            "\(path): a submission needs a name (its folder or archive name)"
        case .submissionMissing(let path):
            "\(path): no such file or folder"
        case .notASubmission(let path):
            "\(path) is not a submission: give a folder, a .zip or a .tar.gz"
        case .outputInUse(let path):
            "\(path) is being written by another pokdoc grade now; wait for it to finish, or choose another folder"
        case .duplicateSubmission(let name, let paths):
            "two submissions are both named \"\(name)\": \(paths.joined(separator: " and ")); the gradebook has one row per name, so rename one"
        case .outputIsFile(let path):
            "\(path) is a file, not a folder; choose a folder for the reports and the gradebook"
        case .outputUnwritable(let path, let reason):
            "cannot write in \(path): \(reason); choose a folder you can write in"
        case .outputNotEmpty(let path):
            "\(path) is not empty; pass --resume to continue the batch whose gradebook is there, or choose a new folder"
        case .gradebookColumnsDiffer(let path, let expected, let found):
            "\(path):1: the gradebook's columns are not this rubric's (expected \(expected.joined(separator: ",")); found \(found.joined(separator: ","))); resume it with the rubric it was started with, or choose a new folder"
        case .gradebookMalformed(let path, let line, let problem):
            "\(path):\(line): \(problem)"
        case .gradebookDuplicateRow(let path, let name, let line, let firstLine):
            "\(path):\(line): \"\(name)\" already has a row at line \(firstLine); delete one of the two"
        case .cannotWriteGradebook(let path, let reason):
            "cannot write the gradebook \(path): \(reason); its rows so far are kept"
        case .cannotWriteReport(let path, let reason):
            "cannot write the report \(path): \(reason)"
        }
    }
}
