import ArgumentParser
import Foundation
import PokdocKit
#if canImport(SwiftGlibc)
@preconcurrency import SwiftGlibc  // C's stdout, touched once in main before anything runs concurrently
#endif

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
        subcommands: [Build.self, Run.self, Test.self, Check.self, Doctor.self, Bench.self, ShowChapter.self, Inspect.self, Starter.self, Spec.self, Grade.self, Render.self, Serve.self])

    /// A transcript streams line by line even into a pipe (`pokdoc run 1 | tee log`, a test, CI):
    /// stdio would otherwise hold it in a 4 KiB buffer until the run ends.
    static func main() async {
        lineBufferStandardOutput()
        await main(nil)
    }
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

/// Makes C's `stdout` (where `print` writes) line-buffered. It runs first thing in `main`, before
/// any concurrency, so reading the C global is safe.
private func lineBufferStandardOutput() {
    setvbuf(stdout, nil, _IOLBF, 0)
}
