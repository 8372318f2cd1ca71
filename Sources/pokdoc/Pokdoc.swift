import ArgumentParser
import Foundation
import PokdocKit

@main
struct Pokdoc: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pokdoc",
        abstract: "Build, boot and test the pok-swift course's kernels.",
        discussion: """
        Typical use:
          pokdoc run 1        build Chapter 1's kernel and boot it under QEMU
          pokdoc test 1       run Chapter 1's host tests and QEMU scenarios
          pokdoc doctor       check the toolchain and QEMU
        """,
        subcommands: [Build.self, Run.self, Test.self, Doctor.self, Bench.self, ShowChapter.self, Inspect.self, Starter.self, Spec.self, Grade.self])
}

/// Options every subcommand that needs the course accepts.
struct CourseOptions: ParsableArguments {
    @Option(name: .long, help: "The course checkout (default: found from the current directory).")
    var course: String?

    /// A `--course` folder must be a course checkout: Package.swift beside Chapters/.
    func validate() throws {
        guard let course else { return }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: course, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--course \(course) is not a folder")
        }
        let root = URL(fileURLWithPath: course)
        guard fm.fileExists(atPath: root.appendingPathComponent("Package.swift").path),
              fm.fileExists(atPath: root.appendingPathComponent("Chapters").path) else {
            throw ValidationError("--course \(course) is not a pok-swift course (it needs Package.swift beside Chapters/)")
        }
    }

    func locate() throws -> Course {
        if let course { return Course(root: URL(fileURLWithPath: course)) }
        return try Course.locate()
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

extension BoardSupportPackage: ExpressibleByArgument {}
