import Foundation
import Testing
@testable import PokdocKit

/// Properties of the bare-metal image that the Embedded Swift subset promises: no SSE state the
/// boot code never enabled, and no heap in the kernel at all (so none in interrupt paths).
@Suite("Chapter 1 — the bare-metal image")
struct Chapter01KernelImage {
    func image(chapter number: Int, bsp: BoardSupportPackage) async throws -> String {
        let chapter = try CourseFixture.course.chapter(number)
        return try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: bsp)).elf.path
    }

    @Test("the kernel uses no SSE/MMX register (CR4 never enables them: an xmm instruction would #UD)",
          arguments: [(2, BoardSupportPackage.x86Qemu), (4, .x86QemuVMM)])
    func noSSE(_ chapter: Int, _ bsp: BoardSupportPackage) async throws {
        let elf = try await image(chapter: chapter, bsp: bsp)
        let objdump = try Toolchain.locate().path(of: .llvmNM).replacingOccurrences(of: "llvm-nm", with: "llvm-objdump")
        let disassembly = try await runBuildTool(step: "disassemble", objdump, ["-d", "--no-show-raw-insn", elf])
        let vector = disassembly.split(separator: "\n").filter { $0.contains("%xmm") || $0.contains("%mm") }
        #expect(vector.isEmpty, "the kernel contains SSE/MMX instructions; build with -mno-sse -mno-sse2 -mno-mmx:\n\(vector.prefix(5).joined(separator: "\n"))")
    }

    @Test("the kernel image holds no Swift heap runtime: no allocation anywhere, so none in interrupt paths",
          arguments: [(2, BoardSupportPackage.x86Qemu), (4, .x86QemuVMM)])
    func noHeap(_ chapter: Int, _ bsp: BoardSupportPackage) async throws {
        let elf = try await image(chapter: chapter, bsp: bsp)
        let names = try await KernelInspection.load(elf: elf).symbolNames
        let heap = names.filter { ["swift_allocObject", "swift_retain", "swift_release", "swift_allocBox", "swift_slowAlloc"].contains($0) }
        #expect(heap.isEmpty, "kernel code allocates: \(heap) — keep Sources/Kernel free of classes, escaping closures and growing collections")
    }
}
