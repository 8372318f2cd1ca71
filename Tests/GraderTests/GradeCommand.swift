// Runs `pokdoc grade …` as an instructor would: the built binary, in a process of its own.
import Foundation
import PokdocKit

struct GradeCommand {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct MissingBinary: Error, CustomStringConvertible { var description: String }

    static func binary() throws -> URL {
        guard let url = PokdocExecutable.locate(besides: URL(fileURLWithPath: CommandLine.arguments[0]), checkout: GraderFixture.course.root) else {
            throw MissingBinary(description: "no pokdoc binary beside \(CommandLine.arguments[0]) nor in .build/debug: run `swift build --build-tests` first")
        }
        return url
    }

    /// Starts `pokdoc grade arguments` with TMPDIR set to `temporary` (where its scratch goes).
    static func start(_ arguments: [String], temporary: URL, out: Pipe, err: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["grade", "--course", GraderFixture.course.root.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = temporary.path
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return process
    }

    /// Runs to the end, waiting on a thread of its own (`offThePool`).
    static func run(_ arguments: [String], temporary: URL) async throws -> Outcome {
        try await offThePool { try runBlocking(arguments, temporary: temporary) }
    }

    private static func runBlocking(_ arguments: [String], temporary: URL) throws -> Outcome {
        let out = Pipe(), err = Pipe()
        let process = try start(arguments, temporary: temporary, out: out, err: err)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}
