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
