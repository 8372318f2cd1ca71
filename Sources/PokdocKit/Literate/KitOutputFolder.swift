import Foundation

/// The folder `pokdoc starter --out DIR` writes the kit to, checked before anything is written:
/// a new or empty folder, outside the course (symlinks and `..` resolved: a kit inside the
/// course would copy the course into itself, or leave a chapter folder that breaks every later
/// command), that can be created. Failures are `StarterError`s in plain words, never Foundation's
/// error-domain text; a write that fails half-way removes what it created.
public struct KitOutputFolder: Sendable {
    /// The folder, with symlinks and `..` resolved.
    public let url: URL
    /// The topmost folder that did not exist before (nil when `url` existed, empty).
    let created: URL?

    /// Checks `requested` against `course` and creates it.
    public static func prepare(_ requested: URL, course: Course) throws(StarterError) -> KitOutputFolder {
        let fm = FileManager.default
        let path = resolved(requested.path)
        let root = resolved(course.root.path)
        if path == root || path.hasPrefix(root == "/" ? "/" : root + "/") {
            throw .outputInsideCourse(path, course: root)
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputIsFile(path) }
            let entries: [String]
            do { entries = try fm.contentsOfDirectory(atPath: path) } catch {
                throw .cannotWrite(path, reason: plainWords(error))
            }
            guard entries.isEmpty else { throw .outputNotEmpty(path) }
            guard access(path, W_OK) == 0 else { throw .cannotWrite(path, reason: String(cString: strerror(errno))) }
            return KitOutputFolder(url: URL(fileURLWithPath: path), created: nil)
        }
        // The deepest folder that exists must be a folder we may write in.
        var existing = (path as NSString).deletingLastPathComponent
        var topmostMissing = path
        while !fm.fileExists(atPath: existing, isDirectory: &isDirectory) {
            topmostMissing = existing
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard isDirectory.boolValue else {
            throw .cannotWrite(path, reason: "\(existing) is a file, so no folder can be made inside it")
        }
        guard access(existing, W_OK) == 0 else {
            throw .cannotWrite(path, reason: "you may not write in \(existing) (\(String(cString: strerror(errno))))")
        }
        do {
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path, reason: "the system refused to create the folder (\(plainWords(error)))")
        }
        return KitOutputFolder(url: URL(fileURLWithPath: path), created: URL(fileURLWithPath: topmostMissing))
    }

    /// Undoes a write that failed: removes the folders this run created, or empties the folder
    /// that was empty before.
    public func removeWhatWasWritten() {
        let fm = FileManager.default
        if let created {
            try? fm.removeItem(at: created)
        } else {
            for entry in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] {
                try? fm.removeItem(at: url.appendingPathComponent(entry))
            }
        }
    }

    /// `path` made absolute, with `.` and `..` applied and every symlink on the part that exists
    /// resolved (a missing folder cannot be a symlink, so the rest is taken as written).
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var current = "/"
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": current = (current as NSString).deletingLastPathComponent
            default:
                let next = current == "/" ? "/\(component)" : "\(current)/\(component)"
                if let real = realpath(next, nil) {
                    current = String(cString: real)
                    free(real)
                } else {
                    current = next
                }
            }
        }
        return current
    }

    /// A file-system error as a sentence: the system's own reason ("Permission denied", "No such
    /// file or directory"), without Foundation's error-domain wrapping.
    static func plainWords(_ error: any Error) -> String {
        var error = error as NSError
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying { error = underlying as NSError }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription.replacingOccurrences(of: "The operation could not be completed. ", with: "")
    }
}
