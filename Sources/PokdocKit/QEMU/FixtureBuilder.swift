// Assembles a one-file i386 Multiboot kernel: the test fixtures (Tests/Fixtures/broken-kernels)
// and the do-nothing benchmark kernel (Sources/Runtime/bench/do-nothing.S).

import Foundation

public struct FixtureBuilder: Sendable {
    public var toolchain: Toolchain

    public init(toolchain: Toolchain = .locate()) {
        self.toolchain = toolchain
    }

    /// `-N` puts everything in one RWX segment and keeps the ELF headers out of the loaded
    /// image: without it lld emits a header segment at the image base that overlaps `.text`,
    /// and QEMU refuses ("Some ROM regions are overlapping"). The Multiboot header is the
    /// first thing in `.text`, so it lands in the first 8 KiB of the file as Multiboot requires.
    public static let linkerFlags = ["-m", "elf_i386", "-N", "--image-base=0x100000", "-Ttext=0x100000", "-e", "_start"]

    /// Assembles `source` (a `.S` file; `#include "..."` resolves beside it) and links it into
    /// `output`, an ELF that `qemu-system-i386 -kernel` boots. Returns `output`; throws
    /// `BuildFailure` with the tool's output.
    @discardableResult
    public func buildKernel(source: String, output: String) async throws -> String {
        let clang = try toolchain.path(of: .clang)
        let lld = try toolchain.path(of: .ldLLD)
        let object = output + ".o"
        defer { try? FileManager.default.removeItem(atPath: object) }
        let name = URL(fileURLWithPath: source).lastPathComponent
        _ = try await runBuildTool(step: "assemble \(name)", clang,
                                   ["--target=\(Toolchain.embeddedTriple)", "-c", source, "-o", object])
        _ = try await runBuildTool(step: "link \(name) (ld.lld)", lld, Self.linkerFlags + [object, "-o", output])
        return output
    }
}
