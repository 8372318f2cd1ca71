import Foundation
import PokdocKit

/// The folder `pokdoc render` writes: new, empty, or a site it rendered before (marked by
/// `.pokdoc-site`), whose old pages it replaces. Anything else is refused, so a mistyped `--out`
/// never deletes a user's files; and the course itself is never the site.
struct SiteOutputFolder {
    static let marker = ".pokdoc-site"

    struct Refused: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "--out \(path): \(reason)" }
    }

    /// Makes `folder` ready for a fresh site.
    static func prepare(_ folder: URL, course: Course) throws {
        let fm = FileManager.default
        let path = folder.standardizedFileURL.path
        let root = course.root.path
        if path == root || root.hasPrefix(path + "/") || path == "/" {
            throw Refused(path: path, reason: "that is the course itself or a folder holding it; name a new folder (the default is .build/site)")
        }
        for protected in ["Chapters", "Sources", "Tests", "docs", ".git"] where path == root + "/" + protected || path.hasPrefix(root + "/" + protected + "/") {
            throw Refused(path: path, reason: "that is inside the course's \(protected)/; name a folder outside it (the default is .build/site)")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Refused(path: path, reason: "it is a file, not a folder") }
            let entries = try fm.contentsOfDirectory(atPath: path)
            if !entries.isEmpty {
                guard entries.contains(marker) else {
                    throw Refused(path: path, reason: "the folder is not empty and is not a site pokdoc rendered (no \(marker)); name a new or empty folder")
                }
                for entry in entries {
                    try fm.removeItem(atPath: path + "/" + entry)
                }
            }
        }
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data("Rendered by pokdoc render; rendering again replaces everything here.\n".utf8)
            .write(to: folder.appendingPathComponent(marker))
    }
}
