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

    public static func run(course: Course, filter: String, skip: String?) async throws -> HostTestRun {
        let swift = try Toolchain.locate().path(of: .swiftc).replacingOccurrences(of: "swiftc", with: "swift")
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-\(UUID().uuidString).xml")
        var arguments = ["test", "--filter", filter, "--xunit-output", report.path]
        if let skip { arguments += ["--skip", skip] }
        let result = try await Subprocess.run(
            .path(.init(swift)), arguments: Arguments(arguments),
            workingDirectory: .init(course.root.path),
            output: .string(limit: 16 << 20), error: .combinedWithOutput)
        let xml = report.deletingPathExtension().appendingPathExtension("xml").path
            .replacingOccurrences(of: ".xml", with: "-swift-testing.xml")
        defer {
            try? FileManager.default.removeItem(atPath: xml)
            try? FileManager.default.removeItem(at: report)
        }
        let tests = (try? Data(contentsOf: URL(fileURLWithPath: xml))).map(parse) ?? []
        var problem: String?
        if tests.isEmpty {
            let tail = result.standardOutput.split(separator: "\n").suffix(30).joined(separator: "\n")
            problem = "no test results (did the tests build?)\n\(tail)"
        } else if case .exited(let code) = result.terminationStatus, code != 0, !tests.contains(where: { !$0.passed }) {
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
