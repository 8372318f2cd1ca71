// The images the grader boots: a tree's kernel with one of the grader's probes as partition 0.
import Foundation
import PokdocKit

public enum GraderProbe: String, Sendable {
    case kernel = "kernel-probe.c"
    case libpok = "libpok-probe.swift"
    /// Chapter 5's: both sides of the second assignment run it (docs/grading.md, "Grading Chapter 5").
    case hypervisor = "hypervisor-probe.swift"

    /// The probe's source in `tree` (the staged copy of the course, never the submission's).
    func source(in tree: Course) -> URL {
        tree.sourcesDirectory.appendingPathComponent("Grader/Probes/\(rawValue)")
    }
}

extension BareMetalBuild {
    /// Builds `tree`'s kernel for `bsp` with the chapter's needs and `probe` as its partition.
    func buildProbeImage(_ probe: GraderProbe, chapter: Chapter, bsp: BoardSupportPackage) async throws -> KernelImage {
        let configuration = BuildConfiguration(
            bsp: bsp, needs: chapter.needs, program: probe.source(in: course),
            label: "grader-" + probe.rawValue.prefix { $0 != "." })
        return try await build(configuration)
    }
}
