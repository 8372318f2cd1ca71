// Runs the pokdoc binary SwiftPM built beside this test bundle, as a student would run it.
import Foundation

enum PokdocSpecCommand {
    /// What one run printed and how it ended.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The pokdoc executable beside the test bundle (or the checkout's .build/debug).
    static var binary: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pokdoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fallback = root.appendingPathComponent(".build/debug/pokdoc")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    /// Runs `pokdoc spec <arguments>` to its end. Throws when there is no binary (never a skip).
    static func run(_ arguments: [String]) throws -> Outcome {
        guard let binary else {
            throw MissingBinary(description: "no pokdoc binary beside \(CommandLine.arguments[0]) nor in .build/debug: run `swift build --build-tests` first")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["spec"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to their end before waiting, so a large output cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    struct MissingBinary: Error, CustomStringConvertible { var description: String }
}
