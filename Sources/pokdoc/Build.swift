import ArgumentParser
import Foundation
import PokdocKit

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a chapter's kernel as Embedded Swift for i686 and link a Multiboot ELF.")

    @OptionGroup var courseOptions: CourseOptions
    @Argument(help: "The chapter number.") var chapter: Int
    @Option(help: "x86-qemu or x86-qemu-vmm (default: the chapter's).") var bsp: BoardSupportPackage?
    @Option(help: "A partition program, relative to the chapter (default: the chapter's).") var program: String?
    @Option(help: "One of the chapter's scenarios, to build its program.") var scenario: String?

    func run() async throws {
        let course = try courseOptions.locate()
        let chapter = try course.chapter(self.chapter)
        var scenario = try self.scenario.map { try chapter.scenario(named: $0) }
        if let program {
            scenario = Scenario(name: "custom", program: program)
        }
        let configuration = try BuildConfiguration(chapter: chapter, bsp: bsp, scenario: scenario)
        do {
            let image = try await BareMetalBuild(course: course).build(configuration)
            print("\(image.built ? "built" : "up to date"): \(image.elf.path)")
            print("  bsp \(configuration.bsp), defines \(configuration.defines.joined(separator: " ")), program \(configuration.program.lastPathComponent)")
        } catch let failure as BuildFailure {
            printError("verdict: build-error\n\(failure)")
            throw ExitCode.failure
        }
    }
}
