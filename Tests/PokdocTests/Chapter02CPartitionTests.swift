import Foundation
import Testing
@testable import PokdocKit

// Chapter 2, "A partition in C": a `.c` program is compiled by the toolchain's clang against
// Sources/Runtime/include/pok/syscall.h and linked like a Swift one.

extension Chapter02Scenarios {
    /// The C partition reads the clock with POK's padded pok_syscall2(GETTICK, ptr, 0), twice.
    @Test("hello-c reads two increasing ticks through POK's padded GETTICK")
    func helloCTicksIncrease() async throws {
        try await expectIncreasingTicks(chapter: 2, scenario: "hello-c", first: "first tick: ", second: "second tick: ")
    }
}

@Suite("Chapter 2 — C partition programs")
struct Chapter02CPrograms {
    @Test("a C program that does not compile gets build-error with clang's message, file and line")
    func compileError() async throws {
        let file = "Chapters/02-syscall-gate/programs/hello.c"
        let original = try String(contentsOf: CourseFixture.root.appendingPathComponent(file), encoding: .utf8)
        let line = try #require(original.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("print_decimal(first);") }) + 1
        let mutant = try courseCopy(mutating: file) {
            $0.replacingOccurrences(of: "print_decimal(first);", with: "print_decimal(undefined_ticks);")
        }
        defer { try? FileManager.default.removeItem(at: mutant.root) }
        let chapter = try mutant.chapter(2)
        let outcome = await ScenarioRunner(course: mutant).run(try chapter.scenario(named: "hello-c"), of: chapter)
        #expect(outcome.runnerVerdict == .buildError, "a C compile error must be the build-error verdict, got \(outcome.runnerVerdict)")
        #expect(!outcome.passed)
        let message = outcome.problems.joined(separator: "\n")
        #expect(message.contains("compile the partition program hello.c"), "the failing step must be named: \(message)")
        #expect(message.contains("hello.c:\(line):") && message.contains("error: use of undeclared identifier 'undefined_ticks'"),
                "clang's own message, with the file and line \(line), must be shown: \(message)")
    }

    @Test("the C partition is compiled without SSE/MMX, like the Swift ones (CR4 never enables them)")
    func noSSE() async throws {
        let chapter = try CourseFixture.course.chapter(2)
        let configuration = try BuildConfiguration(chapter: chapter, scenario: try chapter.scenario(named: "hello-c"))
        #expect(configuration.label == "ch02-hello-c", "hello.c must not share hello.swift's build folder name, got \(configuration.label)")
        let image = try await BareMetalBuild(course: CourseFixture.course).build(configuration)
        let partition = image.partition.appendingPathComponent("partition.elf")
        let objdump = try Toolchain.locate().path(of: .llvmNM).replacingOccurrences(of: "llvm-nm", with: "llvm-objdump")
        let disassembly = try await runBuildTool(step: "disassemble", objdump, ["-d", "--no-show-raw-insn", partition.path])
        #expect(disassembly.contains("<pok_partition_main>:") && disassembly.contains("int\t$0x2a"),
                "the partition must hold the C pok_partition_main and its `int $42`")
        let vector = disassembly.split(separator: "\n").filter { $0.contains("%xmm") || $0.contains("%mm") }
        #expect(vector.isEmpty, "the C partition contains SSE/MMX instructions; compile it with -mno-sse -mno-sse2 -mno-mmx:\n\(vector.prefix(5).joined(separator: "\n"))")
    }

    @Test("a program that is neither .swift nor .c is a build failure that names the file")
    func unknownLanguage() async throws {
        let program = FileManager.default.temporaryDirectory.appendingPathComponent("pok-program-\(UUID().uuidString).rs")
        try "fn main() {}\n".write(to: program, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: program) }
        let configuration = BuildConfiguration(bsp: .x86Qemu, needs: ["POK_NEEDS_SYSCALLS"], program: program, label: "unknown-language")
        do {
            _ = try await BareMetalBuild(course: CourseFixture.course).build(configuration)
            Issue.record("a .rs partition program was accepted")
        } catch let failure as BuildFailure {
            #expect(failure.step == "find the partition program")
            #expect(failure.output.contains(program.path) && failure.output.contains("a partition program is a .swift or a .c file, not .rs"),
                    "the failure must name the file and the languages: \(failure)")
        }
    }
}
