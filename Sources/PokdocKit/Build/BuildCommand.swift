import Foundation
import Subprocess

/// One step of the bare-metal build that failed, with the tool's own message.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    public var step: String
    public var commandLine: String
    public var output: String
    public var exitCode: Int32?

    public var description: String {
        var text = "build failed at step '\(step)'"
        if let exitCode { text += " (exit \(exitCode))" }
        text += "\n$ \(commandLine)\n\(output)"
        return text
    }
}

/// Runs a build tool and returns its combined output, or throws `BuildFailure` with it. With a
/// sandbox the tool runs inside it (`Sandbox.run`: bwrap, CPU and memory limits, a wall-clock
/// backstop); a sandbox that cannot start is the grader's fault and throws `Sandbox.Unavailable`,
/// never a `BuildFailure`, so it is not scored against the submission.
func runBuildTool(step: String, _ executable: String, _ arguments: [String], workingDirectory: URL? = nil,
                  sandbox: Sandbox? = nil) async throws -> String {
    let commandLine = (sandbox == nil ? "" : "(sandboxed) ") + ([executable] + arguments).map(shellEscaped).joined(separator: " ")
    let status: TerminationStatus
    let output: String
    do {
        if let sandbox {
            let result = try await sandbox.run(executable, arguments)
            status = result.status
            output = result.output
        } else {
            let result = try await withPrivateTemporaryDirectory("pokdoc-tool") { temporary in
                try await Subprocess.run(
                    .path(.init(executable)),
                    arguments: Arguments(arguments),
                    environment: .inherit.updating(["TMPDIR": temporary.path]),
                    workingDirectory: workingDirectory.map { .init($0.path) },
                    output: .string(limit: 4 << 20),
                    error: .combinedWithOutput)
            }
            status = result.terminationStatus
            output = result.standardOutput
        }
    } catch let error as Sandbox.Unavailable {
        throw error
    } catch let error as Sandbox.TimedOut {
        throw BuildFailure(step: step, commandLine: commandLine, output: error.description, exitCode: nil)
    } catch {
        throw BuildFailure(step: step, commandLine: commandLine, output: "could not start: \(error)", exitCode: nil)
    }
    guard case .exited(0) = status else {
        var code: Int32?
        if case .exited(let value) = status { code = Int32(value) }
        throw BuildFailure(step: step, commandLine: commandLine, output: output, exitCode: code)
    }
    return output
}

func shellEscaped(_ word: String) -> String {
    if word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:+,@".contains($0) }) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
