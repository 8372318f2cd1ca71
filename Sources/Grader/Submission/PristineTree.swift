import Foundation
import PokdocKit

/// A copy of what a build of the course needs — Package.swift, Sources/, Chapters/ — without
/// build products or version control; symbolic links inside it (Sources/KernelX86Qemu) stay links.
enum PristineTree {
    static let items = ["Package.swift", "Sources", "Chapters"]
    static let skippedNames: Set<String> = [".build", ".git", ".swiftpm", ".DS_Store"]

    static func copy(_ course: Course, to tree: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: tree, withIntermediateDirectories: true)
        for item in items where fm.fileExists(atPath: course.root.appendingPathComponent(item).path) {
            try copyItem(course.root.appendingPathComponent(item), to: tree.appendingPathComponent(item))
        }
    }

    private static func copyItem(_ source: URL, to target: URL) throws {
        let fm = FileManager.default
        let type = try fm.attributesOfItem(atPath: source.path)[.type] as? FileAttributeType
        switch type {
        case .typeSymbolicLink:
            try fm.createSymbolicLink(atPath: target.path, withDestinationPath: try fm.destinationOfSymbolicLink(atPath: source.path))
        case .typeDirectory:
            try fm.createDirectory(at: target, withIntermediateDirectories: false)
            for name in try fm.contentsOfDirectory(atPath: source.path).sorted() where !skippedNames.contains(name) {
                try copyItem(source.appendingPathComponent(name), to: target.appendingPathComponent(name))
            }
        case .typeRegular:
            try fm.copyItem(at: source, to: target)
        default:
            break  // sockets, pipes: nothing a build reads
        }
    }
}
