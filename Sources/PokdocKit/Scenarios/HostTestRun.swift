import Foundation
import Subprocess

/// Runs a chapter's host tests with `swift test` in a child process and reads the verdict of each
/// test from Swift Testing's event stream (JSON lines, version 0): display names, issues, results.
public struct HostTestRun: Sendable {
    public struct TestResult: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var message: String
    }

    public var tests: [TestResult]
    /// Set when swift test itself failed (a build error, a crash) rather than a test.
    public var problem: String?
    /// swift test ran to the end but its filter selected no test.
    public var matchedNoTest = false
    /// A line to show that is neither a pass nor a failure (e.g. "no host tests for chapter 5").
    public var note: String?

    public struct TimedOut: Error, CustomStringConvertible {
        public var limit: Duration
        public var description: String { "swift test did not finish within \(limit) (a test that never returns?); it was stopped" }
    }

    /// - Parameters:
    ///   - limit: a backstop for a hanging test (e.g. a kernel loop a student wrote):
    ///     `swift test` and everything it started are killed as one process group.
    ///   - swift: the `swift` driver to run; nil takes the one beside the toolchain's `swiftc`.
    public static func run(course: Course, filter: String, skip: String?, limit: Duration = .seconds(1200),
                           swift: String? = nil) async throws -> HostTestRun {
        let swift = try swift ?? Toolchain.locate().path(of: .swiftc).replacingOccurrences(of: "swiftc", with: "swift")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-\(UUID().uuidString).jsonl")
        let arguments = ["test", "--filter", filter, "--event-stream-output-path", report.path, "--event-stream-version", "0"]
            + (skip.map { ["--skip", $0] } ?? [])
        let root = course.root.path
        // A private TMPDIR (SwiftPM's leftovers and the tests' scratch go there, then away).
        let finished = try await withPrivateTemporaryDirectory("pokdoc-test") { temporary in
            try await withWallClockLimit(limit) {
                var platformOptions = PlatformOptions()
                platformOptions.processGroupID = 0
                platformOptions.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
                let result = try await Subprocess.run(
                    .path(.init(swift)), arguments: Arguments(arguments),
                    environment: .inherit.updating(["TMPDIR": temporary.path]),
                    workingDirectory: .init(root), platformOptions: platformOptions,
                    output: .string(limit: 16 << 20), error: .combinedWithOutput)
                return (result.terminationStatus, result.standardOutput)
            }
        }
        guard let (status, output) = finished else { throw TimedOut(limit: limit) }
        defer { try? FileManager.default.removeItem(at: report) }
        let stream = try? Data(contentsOf: report)
        let tests = stream.map(parse) ?? []
        var problem: String?
        if tests.isEmpty, case .exited(0) = status, stream.map(runEnded) == true {
            return HostTestRun(tests: [], problem: nil, matchedNoTest: true)
        }
        if tests.isEmpty, let buildErrors = HostBuildFailure.explain(output, root: root) {
            problem = buildErrors
        } else if tests.isEmpty {
            let tail = output.split(separator: "\n").suffix(30).joined(separator: "\n")
            problem = "no test results (did the tests build?)\n\(tail)"
        } else if case .exited(let code) = status, code != 0, !tests.contains(where: { !$0.passed }) {
            problem = "swift test exited \(code) although every test passed"
        }
        return HostTestRun(tests: tests, problem: problem)
    }

    /// A chapter's host tests: `swift test --filter <the chapter's filter>` with the scenario
    /// suites skipped (pokdoc runs those itself). A filter that selects nothing is a note when the
    /// chapter relies on the default filter (it has no host tests), and an error at the `tests:`
    /// line when the chapter declares one (the filter is wrong, so its tests would never run).
    public static func run(chapter: Chapter, course: Course, skip: String? = "Scenarios",
                           limit: Duration = .seconds(1200), swift: String? = nil) async throws -> HostTestRun {
        var result = try await run(course: course, filter: chapter.testFilter, skip: skip, limit: limit, swift: swift)
        guard result.matchedNoTest else { return result }
        if let declared = chapter.frontMatter.tests {
            let line = chapter.keyLines["tests"].map { ":\($0)" } ?? ""
            result.problem = "\(chapter.markdownFile.path)\(line): tests: '\(declared)' matches no host test"
                + (skip.map { " (suites matching '\($0)' aside)" } ?? "")
                + ", so the chapter's tests would never run; fix the filter (it is a regular expression over suite and test names), or remove the line if the chapter has no host tests"
        } else {
            result.note = "no host tests for chapter \(chapter.number) (no test matches \(chapter.testFilter))"
        }
        return result
    }

    /// Whether the event stream records the end of the run (swift test got as far as running).
    static func runEnded(_ data: Data) -> Bool {
        data.split(separator: UInt8(ascii: "\n")).contains { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let payload = record["payload"] as? [String: Any] else { return false }
            return record["kind"] as? String == "event" && payload["kind"] as? String == "runEnded"
        }
    }

    /// Reads the event stream: `test` records name tests and suites; `issueRecorded` and
    /// `testEnded` events give each function's issues and result.
    static func parse(_ data: Data) -> [TestResult] {
        var displayNames: [String: String] = [:]
        var functions: [String] = []
        var issues: [String: [String]] = [:]
        var ended: [String: Bool] = [:]
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let kind = record["kind"] as? String, let payload = record["payload"] as? [String: Any] else { continue }
            if kind == "test", let id = payload["id"] as? String {
                displayNames[id] = (payload["displayName"] as? String) ?? (payload["name"] as? String) ?? id
                if payload["kind"] as? String == "function" { functions.append(id) }
            } else if kind == "event", let id = payload["testID"] as? String {
                let messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
                switch payload["kind"] as? String {
                case "issueRecorded":
                    // The event's messages already hold its comments; `_comments` repeats them.
                    var lines = messages
                    for comment in payload["_comments"] as? [String] ?? [] where !lines.contains(comment) { lines.append(comment) }
                    issues[id, default: []] += lines
                case "testEnded":
                    let failed = (payload["messages"] as? [[String: Any]] ?? []).contains { $0["symbol"] as? String == "fail" }
                    ended[id] = !failed
                default:
                    break
                }
            }
        }
        return functions.compactMap { id in
            guard let passed = ended[id] else { return nil }  // filtered out or never run
            // An ID is "<suite>/<suite>/<function>/<file:line:column>": name the innermost suite.
            let parts = id.split(separator: "/")
            let suiteID = parts.dropLast(2).joined(separator: "/")
            let suite = displayNames[suiteID].map { $0 + " › " } ?? ""
            return TestResult(name: suite + (displayNames[id] ?? id), passed: passed && issues[id] == nil,
                              message: (issues[id] ?? []).joined(separator: "\n"))
        }
    }
}
