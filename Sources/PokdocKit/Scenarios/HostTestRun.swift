import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Subprocess

/// Runs a chapter's host tests with `swift test` in a child process and reads the verdict of each
/// test from the JUnit XML that Swift Testing writes.
public struct HostTestRun: Sendable {
    public struct TestResult: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var message: String
    }

    public var tests: [TestResult]
    /// Set when swift test itself failed (a build error, a crash) rather than a test.
    public var problem: String?

    public struct TimedOut: Error, CustomStringConvertible {
        public var limit: Duration
        public var description: String { "swift test did not finish within \(limit) (a test that never returns?); it was stopped" }
    }

    /// - Parameter limit: a backstop for a hanging test (e.g. a kernel loop a student wrote):
    ///   `swift test` and everything it started are killed as one process group.
    public static func run(course: Course, filter: String, skip: String?, limit: Duration = .seconds(1200)) async throws -> HostTestRun {
        let swift = try Toolchain.locate().path(of: .swiftc).replacingOccurrences(of: "swiftc", with: "swift")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-\(UUID().uuidString).xml")
        let arguments = ["test", "--filter", filter, "--xunit-output", report.path] + (skip.map { ["--skip", $0] } ?? [])
        let root = course.root.path
        let (status, output) = try await withThrowingTaskGroup(of: (TerminationStatus, String)?.self) { group in
            group.addTask {
                var platformOptions = PlatformOptions()
                platformOptions.processGroupID = 0
                platformOptions.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(2))]
                let result = try await Subprocess.run(
                    .path(.init(swift)), arguments: Arguments(arguments),
                    workingDirectory: .init(root), platformOptions: platformOptions,
                    output: .string(limit: 16 << 20), error: .combinedWithOutput)
                return (result.terminationStatus, result.standardOutput)
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            guard let finished = first else { throw TimedOut(limit: limit) }
            return finished
        }
        let xml = report.deletingPathExtension().appendingPathExtension("xml").path
            .replacingOccurrences(of: ".xml", with: "-swift-testing.xml")
        defer {
            try? FileManager.default.removeItem(atPath: xml)
            try? FileManager.default.removeItem(at: report)
        }
        let tests = (try? Data(contentsOf: URL(fileURLWithPath: xml))).map(parse) ?? []
        var problem: String?
        if tests.isEmpty {
            let tail = output.split(separator: "\n").suffix(30).joined(separator: "\n")
            problem = "no test results (did the tests build?)\n\(tail)"
        } else if case .exited(let code) = status, code != 0, !tests.contains(where: { !$0.passed }) {
            problem = "swift test exited \(code) although every test passed"
        }
        return HostTestRun(tests: tests, problem: problem)
    }

    /// Reads `<testcase classname name><failure message/></testcase>` elements.
    static func parse(_ data: Data) -> [TestResult] {
        final class Reader: NSObject, XMLParserDelegate {
            var results: [TestResult] = []
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if element == "testcase" {
                    let suite = (attributes["classname"] ?? "").split(separator: ".").dropFirst().joined(separator: "/")
                    results.append(TestResult(name: suite + "/" + (attributes["name"] ?? "?"), passed: true, message: ""))
                } else if element == "failure" || element == "error", !results.isEmpty {
                    results[results.count - 1].passed = false
                    results[results.count - 1].message += (attributes["message"] ?? "") + "\n"
                }
            }
        }
        let reader = Reader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.results
    }
}
