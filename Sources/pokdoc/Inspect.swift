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
        var scenario = Scenario(name: "inspect", program: chapter.frontMatter.program, bsp: bsp ?? chapter.frontMatter.bsp, ticks: 1)
        scenario.arguments = ["idtdump"]
        scenario.verdict = nil
        let outcome = await ScenarioRunner(course: course).run(scenario, of: chapter)
        guard let run = outcome.run, let image = outcome.image else {
            printError(outcome.problems.joined(separator: "\n"))
            throw ExitCode.failure
        }
        let inspection = try await KernelInspection.load(elf: image)
        print("# live IDT of chapter \(chapter.number) [\(scenario.bsp!)], gate targets named by symbol")
        for line in inspection.describeIDT(transcript: run.transcript) { print(line) }
        let vmm = inspection.vmmSymbols
        print("# VMM symbols in the image: \(vmm.isEmpty ? "none" : vmm.joined(separator: " "))")
    }
}
