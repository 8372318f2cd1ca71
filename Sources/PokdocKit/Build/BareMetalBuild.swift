import Foundation

/// What to build: a chapter's kernel for one BSP, with one partition program.
public struct BuildConfiguration: Sendable, Hashable {
    public var bsp: BoardSupportPackage
    /// POK_NEEDS_* beyond the BSP's.
    public var needs: [String]
    /// The partition program (a Swift file defining `pok_partition_main`).
    public var program: URL
    /// A short name for the build folder.
    public var label: String

    public init(bsp: BoardSupportPackage, needs: [String], program: URL, label: String) {
        self.bsp = bsp
        self.needs = needs
        self.program = program
        self.label = label
    }

    /// The compilation conditions, in POK's style, plus the bare-metal seam's.
    public var defines: [String] {
        Array(Set(["POK_BARE_METAL"] + bsp.defines + needs)).sorted()
    }
}

/// A Multiboot ELF that `qemu-system-i386 -kernel` boots.
public struct KernelImage: Sendable {
    public var elf: URL
    public var configuration: BuildConfiguration
    /// True when this call built it, false when it came from the cache.
    public var built: Bool
}

/// The bare-metal pipeline: the same Sources/Kernel and Sources/Libpok as the host build,
/// compiled as Embedded Swift for i686-unknown-none-elf, with the Runtime assembly, linked by
/// ld.lld. The partition is linked apart at address 0 and embedded in the kernel.
public struct BareMetalBuild: Sendable {
    public let course: Course
    public let toolchain: Toolchain

    public init(course: Course, toolchain: Toolchain = .locate()) {
        self.course = course
        self.toolchain = toolchain
    }

    static let triple = "i686-unknown-none-elf"

    /// Embedded Swift for a kernel without SSE state: the known pitfalls are SSE (#UD with CR4
    /// unset), the stack protector, and PIC (kept: the linker scripts keep .got).
    func swiftFlags(defines: [String]) -> [String] {
        [
            "-target", Self.triple,
            "-enable-experimental-feature", "Embedded",
            "-enable-experimental-feature", "Extern",
            "-wmo", "-parse-as-library", "-Osize",
            "-Xfrontend", "-disable-stack-protector",
            "-Xfrontend", "-function-sections",
            "-Xcc", "-mno-sse", "-Xcc", "-mno-sse2", "-Xcc", "-mno-mmx",
            "-swift-version", "6",
        ] + defines.flatMap { ["-D", $0] }
    }

    func clangFlags(defines: [String]) -> [String] {
        ["--target=\(Self.triple)", "-ffreestanding", "-fno-pic", "-mno-sse", "-mno-sse2", "-mno-mmx", "-Os", "-Wall"]
            + defines.map { "-D\($0)" }
    }

    /// Swift files under Sources/<module> that the board builds, sorted.
    func swiftSources(_ module: String, bsp: BoardSupportPackage) throws -> [URL] {
        let directory = course.sourcesDirectory.appendingPathComponent(module)
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        let prefix = course.sourcesDirectory.path + "/"
        return enumerator.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "swift" }
            .filter { bsp.includes(String($0.standardizedFileURL.path.dropFirst(prefix.count))) }
            .sorted { $0.path < $1.path }
    }

    func runtime(_ name: String) -> URL { course.runtimeDirectory.appendingPathComponent(name) }

    /// Builds (or reuses) the image for `configuration`.
    public func build(_ configuration: BuildConfiguration) async throws -> KernelImage {
        guard FileManager.default.fileExists(atPath: configuration.program.path) else {
            throw BuildFailure(step: "find the partition program", commandLine: "", output: "no such file: \(configuration.program.path)")
        }
        let swiftc = try toolchain.path(of: .swiftc)
        let clang = try toolchain.path(of: .clang)
        let lld = try toolchain.path(of: .ldLLD)
        let objcopy = try toolchain.path(of: .llvmObjcopy)
        let defines = configuration.defines

        let kernelSources = try swiftSources("Kernel", bsp: configuration.bsp)
        let libpokSources = try swiftSources("Libpok", bsp: configuration.bsp)
        let kernelRuntime = ["boot.S", "entry-stubs.S", "libc.c"] + (configuration.bsp == .x86QemuVMM ? ["prologue-vmm.S"] : [])
            .filter { FileManager.default.fileExists(atPath: runtime($0).path) }
        let partitionRuntime = ["partition-entry.S", "soft-interrupt.S", "partition-faults.S", "partition-probe.S", "libc.c"]
            .filter { FileManager.default.fileExists(atPath: runtime($0).path) }

        var key = ContentHash()
        key.add(defines.joined(separator: " "))
        key.add(swiftFlags(defines: defines).joined(separator: " "))
        for file in kernelSources + libpokSources + [configuration.program] { try key.add(file: file) }
        for name in Set(kernelRuntime + partitionRuntime + ["kernel.ld", "partition.ld", "partition-image.S"]) {
            try key.add(file: runtime(name))
        }
        let output = course.buildDirectory.appendingPathComponent("\(configuration.label)-\(configuration.bsp.rawValue)-\(key.hex)")
        let elf = output.appendingPathComponent("kernel.elf")
        if FileManager.default.fileExists(atPath: elf.path) {
            return KernelImage(elf: elf, configuration: configuration, built: false)
        }

        // Build in a private folder and rename it into place, so concurrent builds never see halves.
        try FileManager.default.createDirectory(at: course.buildDirectory, withIntermediateDirectories: true)
        let work = course.buildDirectory.appendingPathComponent(".tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        func object(_ name: String) -> String { work.appendingPathComponent(name).path }

        // 1. The partition: Libpok as a module, the program importing it, linked at 0.
        let swift = swiftFlags(defines: defines)
        _ = try await runBuildTool(step: "compile Libpok (Embedded Swift)", swiftc,
            swift + ["-module-name", "Libpok", "-emit-module", "-emit-module-path", object("Libpok.swiftmodule"),
                     "-c", "-o", object("libpok.o")] + libpokSources.map(\.path))
        _ = try await runBuildTool(step: "compile the partition program \(configuration.program.lastPathComponent)", swiftc,
            swift + ["-module-name", "PartitionProgram", "-I", work.path, "-c", "-o", object("program.o"), configuration.program.path])
        var partitionObjects = [object("program.o"), object("libpok.o")]
        for name in partitionRuntime {
            let out = object("partition-" + name + ".o")
            _ = try await runBuildTool(step: "assemble \(name) (partition)", clang,
                clangFlags(defines: defines + ["POK_PARTITION"]) + ["-c", runtime(name).path, "-o", out])
            partitionObjects.append(out)
        }
        _ = try await runBuildTool(step: "link the partition (ld.lld, at address 0)", lld,
            ["-m", "elf_i386", "-T", runtime("partition.ld").path, "--gc-sections", "-o", object("partition.elf")]
                + [object("partition-partition-entry.S.o")] + partitionObjects.filter { !$0.hasSuffix("partition-entry.S.o") })
        _ = try await runBuildTool(step: "flatten the partition image", objcopy,
            ["-O", "binary", object("partition.elf"), object("partition.bin")])

        // 2. The kernel: Sources/Kernel as one Embedded Swift module, the runtime, the partition image.
        _ = try await runBuildTool(step: "compile Kernel (Embedded Swift)", swiftc,
            swift + ["-module-name", "Kernel", "-c", "-o", object("kernel.o")] + kernelSources.map(\.path))
        var kernelObjects = [object("kernel.o")]
        for name in kernelRuntime {
            let out = object("kernel-" + name + ".o")
            _ = try await runBuildTool(step: "assemble \(name)", clang,
                clangFlags(defines: defines) + ["-c", runtime(name).path, "-o", out])
            kernelObjects.append(out)
        }
        _ = try await runBuildTool(step: "embed the partition image", clang,
            clangFlags(defines: defines) + ["-DPOK_PARTITION_IMAGE=\"\(object("partition.bin"))\"", "-c",
                                            runtime("partition-image.S").path, "-o", object("partition-image.o")])
        kernelObjects.append(object("partition-image.o"))
        let linked = object("kernel.elf")
        _ = try await runBuildTool(step: "link the kernel (ld.lld)", lld,
            ["-m", "elf_i386", "-T", runtime("kernel.ld").path, "--gc-sections", "-o", linked]
                + [object("kernel-boot.S.o")] + kernelObjects.filter { !$0.hasSuffix("kernel-boot.S.o") })

        if FileManager.default.fileExists(atPath: output.path) {
            // Someone else finished the same build first: theirs is identical.
            return KernelImage(elf: elf, configuration: configuration, built: false)
        }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for name in ["kernel.elf", "partition.elf", "partition.bin"] {
            try FileManager.default.copyItem(at: work.appendingPathComponent(name), to: output.appendingPathComponent(name + ".part"))
        }
        for name in ["partition.elf", "partition.bin", "kernel.elf"] {
            _ = rename(output.appendingPathComponent(name + ".part").path, output.appendingPathComponent(name).path)
        }
        return KernelImage(elf: elf, configuration: configuration, built: true)
    }
}

extension BuildConfiguration {
    /// The build a chapter's front matter describes, for a scenario or for `pokdoc run`.
    public init(chapter: Chapter, bsp: BoardSupportPackage? = nil, scenario: Scenario? = nil) throws {
        let board = scenario?.bsp ?? bsp ?? chapter.frontMatter.bsp
        // A scenario may name any board (e.g. to show what a program does on the wrong one);
        // everything else must stay within the chapter's boards.
        guard scenario?.bsp != nil || chapter.allowedBSPs.contains(board) else {
            throw ChapterError.bspNotAllowed(board, chapter: chapter.number, allowed: chapter.allowedBSPs)
        }
        let bsp = board
        guard let program = scenario?.program ?? chapter.frontMatter.program else {
            throw ChapterError.noProgram(chapter.number)
        }
        let name = URL(fileURLWithPath: program).deletingPathExtension().lastPathComponent
        self.init(
            bsp: bsp,
            needs: chapter.needs + (scenario?.needs ?? []),
            program: chapter.programURL(program),
            label: String(format: "ch%02d-", chapter.number) + name)
    }
}
