import ArgumentParser
import Foundation
import PokdocKit

struct ShowChapter: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chapter",
        abstract: "Print a chapter's Markdown with every {{#include}} resolved from the real sources.")

    @OptionGroup var courseOptions: CourseOptions
    @Argument(help: "The chapter number.") var chapter: Int

    func run() async throws {
        let chapter = try courseOptions.locate().chapter(self.chapter)
        print(try IncludeResolver().resolve(chapter))
    }
}
