import Foundation

/// The course checkout: Package.swift, Chapters/, Sources/.
public struct Course: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public enum LocateError: Error, CustomStringConvertible {
        case notFound(String)
        public var description: String {
            switch self {
            case .notFound(let start):
                "no pok-swift course found at or above \(start) (looked for Package.swift beside Chapters/); run pokdoc inside the course checkout or pass --course DIR"
            }
        }
    }

    /// Walks up from `start` to the folder holding Package.swift and Chapters/.
    public static func locate(from start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws -> Course {
        var directory = start.standardizedFileURL
        while true {
            let fm = FileManager.default
            if fm.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: directory.appendingPathComponent("Chapters").path) {
                return Course(root: directory)
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { throw LocateError.notFound(start.path) }
            directory = parent
        }
    }

    public var chaptersDirectory: URL { root.appendingPathComponent("Chapters") }
    public var sourcesDirectory: URL { root.appendingPathComponent("Sources") }
    public var runtimeDirectory: URL { sourcesDirectory.appendingPathComponent("Runtime") }
    /// Where bare-metal builds go (ignored by git with the rest of .build).
    public var buildDirectory: URL { root.appendingPathComponent(".build/pok") }

    /// Every chapter, in order. A malformed chapter is an error naming its file; two folders
    /// with the same `number:` are an error naming both (one would otherwise hide the other).
    public func chapters() throws -> [Chapter] {
        let entries = try FileManager.default.contentsOfDirectory(atPath: chaptersDirectory.path)
            .filter { $0.first?.isNumber == true }
            .sorted()
        let chapters = try entries.map { entry in
            let directory = chaptersDirectory.appendingPathComponent(entry)
            guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("chapter.md").path) else {
                throw ChapterError.notAChapter("Chapters/\(entry)")
            }
            return try Chapter.load(from: directory)
        }
        var folders: [Int: String] = [:]
        for chapter in chapters {
            let folder = "Chapters/\(chapter.directory.lastPathComponent)"
            if let first = folders[chapter.number] {
                throw ChapterError.duplicateNumber(chapter.number, first: first, second: folder)
            }
            folders[chapter.number] = folder
        }
        return chapters
    }

    /// The chapter with this number.
    public func chapter(_ number: Int) throws -> Chapter {
        guard let chapter = try chapters().first(where: { $0.number == number }) else {
            throw ChapterError.noSuchChapter(number, available: (try? chapters().map(\.number)) ?? [])
        }
        return chapter
    }
}
