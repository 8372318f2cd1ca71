// The broken kernels of Tests/Fixtures/broken-kernels, built once per test process, and what
// the QEMU tests record while a run goes on.

import Foundation
import PokdocKit
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

extension SerialEvent {
    var isMalformed: Bool {
        if case .malformed = self { true } else { false }
    }
}

/// Collects what the runner reports while it runs.
final class Recorder: Sendable {
    private let state = Mutex<(start: QEMUStart?, lines: [String])>((nil, []))

    func started(_ start: QEMUStart) { state.withLock { $0.start = start } }
    func line(_ line: SerialLine) { state.withLock { $0.lines.append(line.display) } }
    var start: QEMUStart? { state.withLock { $0.start } }
    var processGroup: Int32? { start?.processGroupID }
    var lines: [String] { state.withLock { $0.lines } }
}

struct FixtureRun {
    var result: QEMURunResult
    var processGroup: Int32
    var liveLines: [String]
}

/// Polls (bounded) until QEMU's process group is gone: the runner killed it, the kernel may
/// still be tearing down its members.
func expectGone(_ group: Int32, sourceLocation: SourceLocation = #_sourceLocation) async {
    let left = await ProcessWatch.untilGone { ProcessWatch.processGroup(group) }
    if !left.isEmpty { kill(-group, SIGKILL) }
    #expect(left.isEmpty, "QEMU's process group \(group) is still there \(ProcessWatch.bound) after the run (the runner kills the whole group on every way out)", sourceLocation: sourceLocation)
}

enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let sources = "\(packageRoot)/Tests/Fixtures/broken-kernels"
    static let kernels = ["hang", "triple-fault", "flood", "pass", "fail", "silent", "ticks", "fault-then-pass"]

    /// Builds every fixture once per test process.
    static let images = Task<[String: String], any Error> {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pokdoc-qemu-fixtures-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let builder = FixtureBuilder()
        var images: [String: String] = [:]
        for name in kernels {
            images[name] = try await builder.buildKernel(source: "\(sources)/\(name).S", output: "\(directory)/\(name).elf")
        }
        images["do-nothing"] = try await BootBenchmark.buildDoNothingKernel(
            packageRoot: packageRoot, output: "\(directory)/do-nothing.elf", builder: builder)
        return images
    }

    static func image(_ name: String) async throws -> String {
        try #require(try await images.value[name], "no fixture named \(name)")
    }

    /// A runner, or a failure (never a skip) that says how to install QEMU.
    static func runner(_ options: QEMURunOptions = QEMURunOptions()) throws -> QEMURunner {
        _ = try #require(Toolchain.locate().paths[.qemu],
                         "qemu-system-i386 is not installed; install it with: apt-get install -y qemu-system-x86")
        return QEMURunner(options: options)
    }

    static func run(_ name: String, nonce: String = "0000",
                    options: QEMURunOptions = QEMURunOptions()) async throws -> FixtureRun {
        let runner = try runner(options)
        let image = try await image(name)
        let recorder = Recorder()
        let result = try await runner.run(image: image, nonce: nonce,
                                          onStart: { recorder.started($0) }, onLine: { recorder.line($0) })
        let group = try #require(recorder.processGroup, "onStart was not called")
        return FixtureRun(result: result, processGroup: group, liveLines: recorder.lines)
    }

    static func expectGroupGone(_ run: FixtureRun, sourceLocation: SourceLocation = #_sourceLocation) async {
        await expectGone(run.processGroup, sourceLocation: sourceLocation)
    }
}
