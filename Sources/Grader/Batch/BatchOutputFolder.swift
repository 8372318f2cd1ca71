// The folder a batch writes its reports and gradebook into, checked before any grading: a
// folder (created if missing) we can write in, proved by writing in it (permission bits say
// nothing to root, or on a read-only mount); without `resume`, new or empty, so nothing in it is
// overwritten.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum BatchOutputFolder {
    static func prepare(_ folder: URL, resume: Bool) throws(BatchError) {
        let fm = FileManager.default
        let path = folder.path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputIsFile(path) }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: path) } catch {
                throw .outputUnwritable(path, reason: "cannot list it (\(error.localizedDescription))")
            }
            // A stale temporary gradebook (a batch killed mid-write) or a lock file is no content of its own.
            let bookkeeping = [Gradebook.temporaryName, BatchLock.fileName]
            if !resume, !entries.filter({ !bookkeeping.contains($0) }).isEmpty { throw .outputNotEmpty(path) }
        } else {
            var parent = folder.deletingLastPathComponent()
            while !fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), parent.path != "/" {
                parent = parent.deletingLastPathComponent()
            }
            guard isDirectory.boolValue else {
                throw .outputUnwritable(path, reason: "\(parent.path) is a file, so no folder can be made inside it")
            }
            guard mkdirAll(path) else {
                throw .outputUnwritable(path, reason: "the folder cannot be made (\(String(cString: strerror(errno))))")
            }
        }
        // Prove it: create and remove the gradebook's temporary file.
        let probe = folder.appendingPathComponent(Gradebook.temporaryName).path
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .outputUnwritable(path, reason: String(cString: strerror(errno))) }
        close(descriptor)
        unlink(probe)
    }

    /// `mkdir -p`, keeping errno of the step that failed.
    private static func mkdirAll(_ path: String) -> Bool {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT else { return false }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, mkdirAll(parent) else { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }
}
