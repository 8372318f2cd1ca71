import Foundation
import Subprocess
import Testing
@testable import PokdocKit

/// Ctrl-C on `pokdoc run`: pokdoc exits 130 and QEMU's whole process group is gone with it.
@Suite("Chapter 1 — Ctrl-C during pokdoc run")
struct Chapter01CtrlC {
    /// The pokdoc executable SwiftPM built beside this test bundle.
    static var pokdoc: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pokdoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = CourseFixture.root.appendingPathComponent(".build/debug/pokdoc")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    /// Processes whose command line contains `marker`.
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(marker) ? "\(pid): \(line)" : nil
        }
    }

    @Test("SIGINT ends pokdoc run with status 130 and leaves no QEMU behind")
    func interrupt() async throws {
        let pokdoc = try #require(Self.pokdoc, "the pokdoc executable was not built beside the tests")
        // A tick budget no other test uses marks this run's QEMU on its command line.
        let marker = "ticks=987654"
        let result = try await Subprocess.run(
            .path(.init(pokdoc.path)),
            arguments: ["run", "1", "--ticks", "987654", "--course", CourseFixture.root.path],
            input: .none, output: .sequence, error: .discarded
        ) { execution -> Bool in
            var booted = false
            for try await line in execution.standardOutput.strings() where !booted && line.contains("POK kernel initialized") {
                booted = true
                #expect(!Self.processes(containing: marker).isEmpty, "QEMU should be running now")
                try execution.send(signal: .interrupt)
            }
            return booted
        }
        #expect(result.closureResult, "the kernel never reported it was initialized")
        #expect(result.terminationStatus == .exited(130), "pokdoc must exit 130 after Ctrl-C, got \(result.terminationStatus)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(Self.processes(containing: marker).isEmpty, "QEMU outlived pokdoc: \(Self.processes(containing: marker))")
    }
}

/// `pokdoc test N` runs the host tests in a child `swift test`; a test that never returns must
/// not hang pokdoc. A stand-in `swift` that hangs (and starts a child that hangs) shows the
/// backstop ends it and kills the whole process group.
@Suite("Chapter 1 — a hanging swift test is stopped")
struct Chapter01HostTestBackstop {
    @Test("the backstop throws TimedOut and leaves no process of the run behind")
    func hangingSwiftTestIsStopped() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-hang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "9\(Int.random(in: 100_000...999_999))"
        let fakeSwift = folder.appendingPathComponent("swift")
        try "#!/bin/sh\nsleep \(marker) &\nsleep \(marker)\n".write(to: fakeSwift, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fakeSwift.path)

        let started = ContinuousClock.now
        await #expect(throws: HostTestRun.TimedOut.self) {
            _ = try await HostTestRun.run(course: CourseFixture.course, filter: "Nothing", skip: nil,
                                          limit: .seconds(2), swift: fakeSwift.path)
        }
        #expect(ContinuousClock.now - started < .seconds(15), "the 2 s backstop plus the 2 s grace")
        #expect(Chapter01CtrlC.processes(containing: "sleep \(marker)").isEmpty,
                "the hanging test's processes outlived the backstop: \(Chapter01CtrlC.processes(containing: "sleep \(marker)"))")
    }
}
