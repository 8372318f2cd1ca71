import Foundation

/// What to build: a chapter's kernel for one BSP, with one partition program.
public struct BuildConfiguration: Sendable, Hashable {
    public var bsp: BoardSupportPackage
    /// POK_NEEDS_* beyond the BSP's.
    public var needs: [String]
    /// The partition program: a Swift or a C file defining `pok_partition_main` (see `PartitionProgram`).
    public var program: URL
    /// A short name for the build folder.
    public var label: String

    public init(bsp: BoardSupportPackage, needs: [String], program: URL, label: String) {
        self.bsp = bsp
        self.needs = needs
        self.program = program
        self.label = label
    }

    /// What QEMU needs besides the image: `-cpu qemu32,+svm` for a kernel that is an SVM
    /// hypervisor (POK_NEEDS_X86_SVM), so that QEMU's CPU model has SVM.
    public var qemuArguments: [String] {
        needs.contains("POK_NEEDS_X86_SVM") ? ["-cpu", "qemu32,+svm"] : []
    }

    /// The compilation conditions, in POK's style, plus the bare-metal seam's.
    public var defines: [String] {
        Array(Set(["POK_BARE_METAL"] + bsp.defines + needs)).sorted()
    }
}

/// A Multiboot ELF that `qemu-system-i386 -kernel` boots.
public struct KernelImage: Sendable {
    public var elf: URL
    /// The folder holding the partition it embeds: `partition.elf` and `partition.bin` (shared by
    /// every image of the same Libpok and program, so not beside `elf`).
    public var partition: URL
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
    /// Where every build tool runs when set (a submission's build): the course tree is bound
    /// read-only and only its `.build/pok` writable (`sandbox(for:)`). Nil runs the tools directly.
    public let sandbox: Sandbox?

    /// A pristine course whose kernel and Libpok stages this build reuses wherever its own inputs
    /// are byte for byte the same (a submission's reference side): built there, unsandboxed, once
    /// for every submission. Nil builds every stage here.
    public let reference: Course?

    public init(course: Course, toolchain: Toolchain = .locate(), sandbox: Sandbox? = nil, reference: Course? = nil) {
        self.course = course
        self.toolchain = toolchain
        self.sandbox = sandbox
        self.reference = reference
    }

    /// The sandbox one build runs its tools in: `sandbox` with the course tree read-only, the
    /// partition program read-only when it lies outside the tree (a grader's probe), and the build
    /// folder writable, its working directory and HOME (so the compiler's module cache stays in it).
    func sandbox(for program: URL) throws -> Sandbox? {
        guard let sandbox else { return nil }
        try FileManager.default.createDirectory(at: course.buildDirectory, withIntermediateDirectories: true)
        let inside = program.standardizedFileURL.path.hasPrefix(course.root.path + "/")
        return sandbox.binding(readOnly: [course.root] + (inside ? [] : [program.standardizedFileURL]),
                               writable: [course.buildDirectory])
    }

    static let triple = "i686-unknown-none-elf"

    /// The Runtime files linked into a partition (with Libpok), not into the kernel.
    public static let partitionRuntime = ["partition-entry.S", "soft-interrupt.S", "partition-faults.S", "partition-probe.S", "xen-hypercall.S", "vmm-call.S", "timestamp.S", "libc.c"]

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

    /// Builds (or reuses) the image for `configuration`. Four cached stages: the kernel's objects
    /// (shared by every program on the same board and features), Libpok's module and objects, the
    /// partition (the program and its link at 0, shared by every kernel), and the image (the
    /// partition embedded, the kernel link).
    public func build(_ configuration: BuildConfiguration) async throws -> KernelImage {
        guard FileManager.default.fileExists(atPath: configuration.program.path) else {
            throw BuildFailure(step: "find the partition program", commandLine: "", output: "no such file: \(configuration.program.path)")
        }
        let program = try PartitionProgram(configuration.program)
        let lld = try toolchain.path(of: .ldLLD)
        let board = configuration.bsp.rawValue
        let box = try sandbox(for: configuration.program)

        // 1. The kernel: Sources/Kernel as one Embedded Swift module, and the runtime it needs.
        // 2. Libpok as a module a program can import, and the partition's runtime.
        let kernel = try await moduleStage(.kernel, configuration, sandbox: box)
        let libpok = try await moduleStage(.libpok, configuration, sandbox: box)
        let kernelRuntime = try inputs(.kernel, configuration).runtime
        // 3. The partition: the program linked at 0 with Libpok, flattened. It stands on Libpok and
        // the program alone, so where both are the reference's it too is built there, once.
        let partition = try await partitionStage(configuration, program: program, libpok: libpok, sandbox: box)
        // Stages reused from the reference lie outside this tree: the image's tools read them.
        let outside = [kernel, partition].filter { !isOwnStage($0) }
        let imageBox = box.map { $0.binding(readOnly: outside) }

        // 4. The image: the kernel linked with the partition (embedded in its own stage). When both
        // are the reference's, so is the image: linked there, once for every tree.
        let linker = reference.map { outside.count == 2 ? BareMetalBuild(course: $0, toolchain: toolchain) : self } ?? self
        let linkBox = linker.course.root == course.root ? imageBox : nil
        var imageKey = ContentHash()
        imageKey.add(kernel.path + partition.path)
        try imageKey.add(file: linker.runtime("kernel.ld"))
        let (image, built) = try await linker.cachedStage("\(configuration.label)-\(board)", key: imageKey) { out in
            func at(_ name: String) -> String { out.appendingPathComponent(name).path }
            let kernelObjects = [kernel.appendingPathComponent("runtime-boot.S.o").path, kernel.appendingPathComponent("kernel.o").path]
                + kernelRuntime.filter { $0 != "boot.S" }.map { kernel.appendingPathComponent("runtime-\($0).o").path }
                + [partition.appendingPathComponent("partition-image.o").path]
            _ = try await runBuildTool(step: "link the kernel (ld.lld)", lld,
                ["-m", "elf_i386", "-T", linker.runtime("kernel.ld").path, "--gc-sections", "-o", at("kernel.elf")] + kernelObjects, sandbox: linkBox)
        }
        return KernelImage(elf: image.appendingPathComponent("kernel.elf"), partition: partition, configuration: configuration, built: built)
    }

    /// Whether `stage` was built in this tree (not reused from the reference's).
    func isOwnStage(_ stage: URL) -> Bool { stage.path.hasPrefix(course.buildDirectory.path + "/") }

    /// The partition for `configuration`: from the reference when this tree's Libpok stage is the
    /// reference's and its program is the reference's byte for byte (nothing of the submission's in
    /// it: built there, unsandboxed, once for every tree), else built here.
    func partitionStage(_ configuration: BuildConfiguration, program: PartitionProgram, libpok: URL, sandbox box: Sandbox?) async throws -> URL {
        let prefix = course.root.standardizedFileURL.path + "/"
        let path = configuration.program.standardizedFileURL.path
        if let reference, !isOwnStage(libpok), path.hasPrefix(prefix) {
            let theirs = reference.root.appendingPathComponent(String(path.dropFirst(prefix.count)))
            if FileManager.default.contentsEqual(atPath: path, andPath: theirs.path) {
                var pristine = configuration
                pristine.program = theirs
                return try await BareMetalBuild(course: reference, toolchain: toolchain)
                    .partition(pristine, program: try PartitionProgram(theirs), libpok: libpok, sandbox: nil)
            }
        }
        return try await partition(configuration, program: program, libpok: libpok, sandbox: box)
    }

    /// Builds (or finds cached) `program` linked at address 0 with Libpok's objects, flattened
    /// (`partition.bin`), and embedded in an object a kernel links (`partition-image.o`): every
    /// kernel that runs this partition links it as it is.
    func partition(_ configuration: BuildConfiguration, program: PartitionProgram, libpok: URL, sandbox box: Sandbox?) async throws -> URL {
        let lld = try toolchain.path(of: .ldLLD)
        let clang = try toolchain.path(of: .clang)
        let objcopy = try toolchain.path(of: .llvmObjcopy)
        let defines = configuration.defines
        // A Libpok stage reused from the reference lies outside this tree: the tools read it.
        let box = isOwnStage(libpok) ? box : box.map { $0.binding(readOnly: [libpok]) }
        let partitionRuntime = try inputs(.libpok, configuration).runtime
        var key = ContentHash()
        key.add(libpok.path)
        key.add(cProgramFlags(defines: defines).joined(separator: " "))  // the Swift flags are in Libpok's key
        key.add(clangFlags(defines: defines).joined(separator: " "))
        for file in [configuration.program, runtime("partition.ld"), runtime("partition-image.S")] + partitionHeaders() {
            try key.add(file: file)
        }
        return try await stage("\(configuration.label)-\(configuration.bsp.rawValue)-partition", key: key) { out in
            func at(_ name: String) -> String { out.appendingPathComponent(name).path }
            try await compile(program, into: out.appendingPathComponent("program.o"), defines: defines, libpokModule: libpok, sandbox: box)
            let objects = [libpok.appendingPathComponent("runtime-partition-entry.S.o").path, at("program.o"),
                           libpok.appendingPathComponent("libpok.o").path]
                + partitionRuntime.filter { $0 != "partition-entry.S" }.map { libpok.appendingPathComponent("runtime-\($0).o").path }
            _ = try await runBuildTool(step: "link the partition (ld.lld, at address 0)", lld,
                ["-m", "elf_i386", "-T", runtime("partition.ld").path, "--gc-sections", "-o", at("partition.elf")] + objects, sandbox: box)
            _ = try await runBuildTool(step: "flatten the partition image", objcopy, ["-O", "binary", at("partition.elf"), at("partition.bin")], sandbox: box)
            _ = try await runBuildTool(step: "embed the partition image", clang,
                clangFlags(defines: defines) + ["-DPOK_PARTITION_IMAGE=\"\(at("partition.bin"))\"", "-c",
                                                runtime("partition-image.S").path, "-o", at("partition-image.o")], sandbox: box)
        }
    }

    /// The two module stages an image stands on.
    enum ModuleStage: String {
        case kernel, libpok
    }

    /// What a module stage compiles: its Swift sources and Runtime files, for `configuration`'s board.
    func inputs(_ which: ModuleStage, _ configuration: BuildConfiguration) throws -> (sources: [URL], runtime: [String]) {
        switch which {
        case .kernel:
            let runtime = ["boot.S", "entry-stubs.S", "gate-entries.S", "libc.c", "prologue-vmm.S", "svm.S"]
                .filter { configuration.bsp.includes("Runtime/\($0)") && FileManager.default.fileExists(atPath: self.runtime($0).path) }
            return (try swiftSources("Kernel", bsp: configuration.bsp), runtime)
        case .libpok:
            let runtime = Self.partitionRuntime.filter { FileManager.default.fileExists(atPath: self.runtime($0).path) }
            return (try swiftSources("Libpok", bsp: configuration.bsp), runtime)
        }
    }

    /// The reference's stage where it is the same, else this tree's own.
    func moduleStage(_ which: ModuleStage, _ configuration: BuildConfiguration, sandbox box: Sandbox?) async throws -> URL {
        if let reused = try await reused(which, configuration) { return reused }
        return try await stage(which, configuration, sandbox: box)
    }

    /// The reference's stage, when this tree's inputs for it are the reference's, byte for byte.
    func reused(_ which: ModuleStage, _ configuration: BuildConfiguration) async throws -> URL? {
        guard let reference else { return nil }
        let pristine = BareMetalBuild(course: reference, toolchain: toolchain)
        func relative(_ build: BareMetalBuild) throws -> [String: URL] {
            let (sources, runtime) = try build.inputs(which, configuration)
            let prefix = build.course.root.path + "/"
            return Dictionary(uniqueKeysWithValues: (sources + runtime.map(build.runtime)).map { (String($0.standardizedFileURL.path.dropFirst(prefix.count)), $0) })
        }
        let mine = try relative(self), theirs = try relative(pristine)
        guard mine.keys.sorted() == theirs.keys.sorted() else { return nil }
        for (path, url) in mine where FileManager.default.contents(atPath: url.path) != FileManager.default.contents(atPath: theirs[path]!.path) {
            return nil
        }
        return try await pristine.stage(which, configuration, sandbox: nil)
    }

    /// Builds (or finds cached) the kernel's or Libpok's objects for `configuration`.
    func stage(_ which: ModuleStage, _ configuration: BuildConfiguration, sandbox box: Sandbox?) async throws -> URL {
        let swiftc = try toolchain.path(of: .swiftc)
        let defines = configuration.defines
        let swift = swiftFlags(defines: defines)
        let board = configuration.bsp.rawValue
        let (sources, runtime) = try inputs(which, configuration)
        var key = ContentHash()
        key.add(swift.joined(separator: " "))
        for file in sources + runtime.map(self.runtime) { try key.add(file: file) }
        switch which {
        case .kernel:
            return try await stage("kernel-\(board)", key: key) { out in
                _ = try await runBuildTool(step: "compile Kernel (Embedded Swift)", swiftc,
                    swift + ["-module-name", "Kernel", "-c", "-o", out.appendingPathComponent("kernel.o").path] + sources.map(\.path), sandbox: box)
                for name in runtime {
                    let object = try await self.runtimeObject(name, defines: defines, partition: false, sandbox: box)
                    try FileManager.default.copyItem(at: object, to: out.appendingPathComponent("runtime-\(name).o"))
                }
            }
        case .libpok:
            return try await stage("libpok-\(board)", key: key) { out in
                _ = try await runBuildTool(step: "compile Libpok (Embedded Swift)", swiftc,
                    swift + ["-module-name", "Libpok", "-emit-module", "-emit-module-path", out.appendingPathComponent("Libpok.swiftmodule").path,
                             "-c", "-o", out.appendingPathComponent("libpok.o").path] + sources.map(\.path), sandbox: box)
                for name in runtime {
                    let object = try await self.runtimeObject(name, defines: defines, partition: true, sandbox: box)
                    try FileManager.default.copyItem(at: object, to: out.appendingPathComponent("runtime-\(name).o"))
                }
            }
        }
    }

    /// A build stage cached by content: `.build/pok/<name>-<key>/`. It is produced in a private
    /// folder and renamed into place, so concurrent builds (parallel tests) never see half of one.
    func stage(_ name: String, key: ContentHash, produce: (URL) async throws -> Void) async throws -> URL {
        try await cachedStage(name, key: key, produce: produce).directory
    }

    func cachedStage(_ name: String, key: ContentHash, produce: (URL) async throws -> Void) async throws -> (directory: URL, built: Bool) {
        let fm = FileManager.default
        let final = course.buildDirectory.appendingPathComponent("\(name)-\(key.hex)")
        if fm.fileExists(atPath: final.appendingPathComponent(".complete").path) { return (final, false) }
        try fm.createDirectory(at: course.buildDirectory, withIntermediateDirectories: true)
        let work = course.buildDirectory.appendingPathComponent(".tmp-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        try await produce(work)
        _ = fm.createFile(atPath: work.appendingPathComponent(".complete").path, contents: nil)
        // A failed rename means another build finished the same stage first: theirs is identical.
        _ = rename(work.path, final.path)
        return (final, true)
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
        // hello.swift → ch02-hello, hello.c → ch02-hello-c: two programs, two build folders.
        let file = URL(fileURLWithPath: program)
        let name = file.deletingPathExtension().lastPathComponent + (file.pathExtension == "swift" ? "" : "-" + file.pathExtension)
        self.init(
            bsp: bsp,
            needs: chapter.needs + (scenario?.needs ?? []),
            program: chapter.programURL(program),
            label: String(format: "ch%02d-", chapter.number) + name)
    }
}
