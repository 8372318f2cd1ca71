// Test helpers for "this process is gone": listing processes by command line, and waiting for
// them to disappear by polling with a bound (never a fixed sleep). A killed process takes a
// moment to be reaped, so a check right after the kill would flake.

import Foundation
import PokdocKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum ProcessWatch {
    /// How long a process may take to vanish after it was killed before a test calls it a leak.
    static let bound: Duration = .seconds(10)

    /// Processes whose command line contains `marker`, as "pid: command line" (zombies have an
    /// empty command line and are not listed).
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(marker) ? "\(pid): \(line)" : nil
        }
    }

    /// Polls `probe` until it lists nothing or `bound` has passed; returns what the last poll
    /// found (empty: gone), for the failure message.
    static func untilGone(within bound: Duration = bound, _ probe: () -> [String]) async -> [String] {
        let deadline = ContinuousClock.now + bound
        var found = probe()
        while !found.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            found = probe()
        }
        return found
    }

    /// The members of process group `group` that are still there: [] or ["group N"].
    static func processGroup(_ group: Int32) -> [String] {
        kill(-group, 0) == -1 && errno == ESRCH ? [] : ["process group \(group)"]
    }

    /// SIGKILLs whatever a failed test left behind, so a failure leaves no orphan on the machine.
    static func killLeftovers(_ found: [String]) {
        for entry in found {
            if let pid = Int32(entry.prefix(while: \.isNumber)) { kill(pid, SIGKILL) }
        }
    }

    /// The pokdoc executable SwiftPM built beside this test bundle.
    static var pokdoc: URL? {
        PokdocExecutable.locate(besides: URL(fileURLWithPath: CommandLine.arguments[0]), checkout: CourseFixture.root)
    }
}
