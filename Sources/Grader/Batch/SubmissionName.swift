// A submission's name in a batch (its gradebook key) and the file stem its reports are written
// under (docs/grading.md, "Grading a class locally").
import Foundation

public enum SubmissionName {
    /// The archive suffixes a submission may carry; the name is what stands before them.
    public static let archiveSuffixes = [".tar.gz", ".tgz", ".zip"]

    /// `alice/` → "alice", `alice.zip` → "alice", `alice.tar.gz` → "alice"; nil for a path with
    /// no name (e.g. "/", or a bare ".zip"). A line break in the name becomes a space, so the
    /// name is one gradebook cell on one line.
    public static func of(_ submission: URL) -> String? {
        var name = GradebookRow.oneLine(submission.standardizedFileURL.lastPathComponent)
        for suffix in archiveSuffixes where name.lowercased().hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name.isEmpty || name == "/" || name == "." || name == ".." ? nil : name
    }

    /// The name made safe as a file name, injectively: ASCII letters, digits, "-" and "_" stay;
    /// every other byte of the UTF-8 name (".", "/", spaces, "%" itself…) becomes %XX. So a stem
    /// never starts with ".", never holds a path separator, and two names never share a stem.
    public static func fileStem(_ name: String) -> String {
        var stem = ""
        for byte in name.utf8 {
            let kept = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            stem += kept ? String(Unicode.Scalar(byte)) : String(format: "%%%02X", byte)
        }
        return stem
    }
}
