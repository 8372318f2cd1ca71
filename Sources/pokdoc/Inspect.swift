import ArgumentParser
import Foundation
import PokdocKit

struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Boot a chapter's kernel with `idtdump` and print its live IDT by symbol, and the VMM symbols in its image.")

    @OptionGroup var courseOptions: CourseOptions
    @Argument(help: "The chapter number.") var chapter: Int
    @Option(help: "x86-qemu or x86-qemu-vmm (default: the chapter's).") var bsp: BoardSupportPackage?

    func run() async throws {
        InterruptGuard.install()
        let course = try courseOptions.locate()
        let chapter = try course.chapter(self.chapter)
        let board = bsp ?? chapter.frontMatter.bsp
        let live: LiveIDT
        do {
            live = try await LiveIDT.boot(chapter, bsp: board, course: course)
        } catch let error as LiveIDT.DidNotRun {
            printError(error.problems.joined(separator: "\n"))
            throw ExitCode.failure
        }
        print("# live IDT of chapter \(chapter.number) [\(board)], gate targets named by symbol")
        for line in live.gates { print(line) }
        let inspection = live.inspection
        let vmm = inspection.vmmSymbols
        print("# VMM symbols in the image: \(vmm.isEmpty ? "none" : vmm.joined(separator: " "))")
    }
}
