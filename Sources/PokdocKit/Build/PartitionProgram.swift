import Foundation

/// A chapter's partition program and the language it is written in, chosen by its file name:
/// a `.swift` file is compiled as Embedded Swift against Libpok, a `.c` file by the toolchain's
/// clang, freestanding, against the Runtime's POK-style header (`Sources/Runtime/include`,
/// `#include <pok/syscall.h>`). Either way the object defines `pok_partition_main` and is linked
/// the same way, at address 0 with Libpok and the partition runtime.
struct PartitionProgram: Sendable {
    enum Language: String, Sendable {
        case swift
        case c
    }

    var file: URL
    var language: Language

    init(_ file: URL) throws(BuildFailure) {
        guard let language = Language(rawValue: file.pathExtension) else {
            throw BuildFailure(step: "find the partition program", commandLine: "",
                               output: "\(file.path): a partition program is a .swift or a .c file, not .\(file.pathExtension)")
        }
        self.file = file
        self.language = language
    }
}

extension BareMetalBuild {
    /// `Sources/Runtime/include`: the headers C partition programs compile against.
    var partitionIncludeDirectory: URL { course.runtimeDirectory.appendingPathComponent("include") }

    /// Every header under `partitionIncludeDirectory`, sorted (part of the image's cache key).
    func partitionHeaders() -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: partitionIncludeDirectory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "h" }.sorted { $0.path < $1.path }
    }

    /// The flags for a C partition program: the runtime's C flags for a partition (no SSE, no
    /// PIC: the partition is linked at 0 and its segments supply the base), freestanding C11,
    /// no stack protector, one section per function for `--gc-sections`, as the Swift objects.
    func cProgramFlags(defines: [String]) -> [String] {
        clangFlags(defines: defines + ["POK_PARTITION"])
            + ["-std=c11", "-fno-stack-protector", "-ffunction-sections", "-fdata-sections", "-I", partitionIncludeDirectory.path]
    }

    /// Compiles `program` into `object`. A compiler error becomes a `BuildFailure` whose step names
    /// the program and whose output is the compiler's own message (file, line, column).
    func compile(_ program: PartitionProgram, into object: URL, defines: [String], libpokModule: URL,
                 sandbox: Sandbox? = nil) async throws {
        let step = "compile the partition program \(program.file.lastPathComponent)"
        switch program.language {
        case .swift:
            _ = try await runBuildTool(step: step, try toolchain.path(of: .swiftc),
                swiftFlags(defines: defines) + ["-module-name", "PartitionProgram", "-I", libpokModule.path,
                                                "-c", "-o", object.path, program.file.path], sandbox: sandbox)
        case .c:
            _ = try await runBuildTool(step: step, try toolchain.path(of: .clang),
                cProgramFlags(defines: defines) + ["-c", program.file.path, "-o", object.path], sandbox: sandbox)
        }
    }
}
