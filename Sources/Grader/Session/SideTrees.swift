// Cross-pairing: the student's kernel is run with the reference Libpok, and the student's Libpok
// with the reference kernel, so every failure is pinned to one side (docs/grading.md).
import Foundation
import PokdocKit

struct SideTrees {
    /// The student's kernel files, the reference's Libpok files.
    let kernel: Course
    /// The student's Libpok files, the reference's kernel files.
    let libpok: Course

    /// True for an editable file that belongs to the partition's side: Libpok or the Runtime
    /// files linked into the partition (BareMetalBuild.partitionRuntime).
    static func isLibpokSide(_ path: String) -> Bool {
        path.hasPrefix("Sources/Libpok/")
            || (path.hasPrefix("Sources/Runtime/") && BareMetalBuild.partitionRuntime.contains(String(path.dropFirst("Sources/Runtime/".count))))
    }

    /// Copies `staged` (the pristine tree with the submission's editable files) twice into
    /// `scratch`, restoring the reference's files of the other side in each copy.
    static func make(staged: URL, reference: Course, editable: [String], in scratch: URL) throws -> SideTrees {
        let fm = FileManager.default
        func copy(to name: String, restoring: (String) -> Bool) throws -> Course {
            let destination = scratch.appendingPathComponent(name)
            if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
            try fm.createDirectory(at: destination, withIntermediateDirectories: true)
            for item in try fm.contentsOfDirectory(atPath: staged.path) where item != ".build" {
                try fm.copyItem(at: staged.appendingPathComponent(item), to: destination.appendingPathComponent(item))
            }
            for path in editable where restoring(path) {
                let target = destination.appendingPathComponent(path)
                try? fm.removeItem(at: target)
                try fm.copyItem(at: reference.root.appendingPathComponent(path), to: target)
            }
            return Course(root: destination)
        }
        return SideTrees(kernel: try copy(to: "kernel-side", restoring: isLibpokSide),
                         libpok: try copy(to: "libpok-side", restoring: { !isLibpokSide($0) }))
    }
}
