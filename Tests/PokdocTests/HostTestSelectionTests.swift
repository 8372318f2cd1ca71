import Foundation
import Testing
@testable import PokdocKit

/// A stand-in `swift` for `HostTestRun`: it writes `events` as the event stream (one JSON record
/// a line, as `swift test --event-stream-version 0` does), prints `output` and exits `status`.
func standInSwift(events: [String]?, output: String = "", status: Int = 0) throws -> (swift: String, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-swift-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let stream = events.map { lines in
        "cat > \"$out\" <<'EVENTS'\n" + lines.joined(separator: "\n") + "\nEVENTS\n"
    } ?? ""
    let script = """
        #!/bin/sh
        out=""
        while [ $# -gt 0 ]; do [ "$1" = "--event-stream-output-path" ] && out="$2"; shift; done
        \(stream)echo '\(output)'
        exit \(status)

        """
    let swift = folder.appendingPathComponent("swift")
    try script.write(to: swift, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
    return (swift.path, folder)
}

/// What `swift test --filter X` writes when X selects no test (recorded from Swift 6.3).
let eventsOfAnEmptyRun = [
    #"{"kind":"event","payload":{"instant":{"absolute":1.0,"since1970":1.0},"kind":"runStarted","messages":[{"symbol":"default","text":"Test run started."}]},"version":0}"#,
    #"{"kind":"event","payload":{"instant":{"absolute":1.1,"since1970":1.1},"kind":"runEnded","messages":[{"symbol":"pass","text":"Test run with 0 tests in 0 suites passed after 0.001 seconds."}]},"version":0}"#,
]

/// Rule: `pokdoc test N` says honestly what the host-test pass did. A chapter without host tests
/// gets a note, not "FAIL swift test: no test results"; a chapter whose declared `tests:` filter
/// selects nothing is an error at that line (its tests would never run); tests that did not
/// build are still a failure.
@Suite("Chapter 0 — pokdoc test says which host tests ran")
struct Chapter00HostTestSelection {
    func chapter(_ extra: String) throws -> (Chapter, TemporaryChapter) {
        let folder = try TemporaryChapter("---\nnumber: 5\ntitle: t\nbsp: x86-qemu\n\(extra)---\n", programs: [])
        return (try Chapter.load(from: folder.directory), folder)
    }

    @Test("a chapter with no host tests gets a note, not a failure")
    func noHostTests() async throws {
        let (chapter, folder) = try chapter("")
        let stand = try standInSwift(events: eventsOfAnEmptyRun)
        defer { folder.remove(); try? FileManager.default.removeItem(at: stand.folder) }
        let run = try await HostTestRun.run(chapter: chapter, course: CourseFixture.course, swift: stand.swift)
        #expect(run.problem == nil, "an empty selection is not 'did the tests build?': \(run.problem ?? "")")
        #expect(run.tests.isEmpty)
        #expect(run.note == "no host tests for chapter 5 (no test matches Chapter05)")
    }

    @Test("a declared filter that selects no test is an error at its line")
    func declaredFilterMatchesNothing() async throws {
        let (chapter, folder) = try chapter("tests: Chapter05Typo\n")
        let stand = try standInSwift(events: eventsOfAnEmptyRun)
        defer { folder.remove(); try? FileManager.default.removeItem(at: stand.folder) }
        let run = try await HostTestRun.run(chapter: chapter, course: CourseFixture.course, swift: stand.swift)
        let problem = try #require(run.problem, "a filter that selects nothing must be an error")
        #expect(problem.hasPrefix(chapter.markdownFile.path + ":5: tests: 'Chapter05Typo' matches no host test"), "\(problem)")
        #expect(run.note == nil)
    }

    @Test("tests that did not build are still a failure, with the compiler's last lines")
    func didNotBuild() async throws {
        let (chapter, folder) = try chapter("")
        let stand = try standInSwift(events: nil, output: "error: cannot find x in scope", status: 1)
        defer { folder.remove(); try? FileManager.default.removeItem(at: stand.folder) }
        let run = try await HostTestRun.run(chapter: chapter, course: CourseFixture.course, swift: stand.swift)
        let problem = try #require(run.problem)
        #expect(problem.contains("no test results (did the tests build?)"))
        #expect(problem.contains("cannot find x in scope"))
        #expect(run.note == nil)
    }
}

/// Swift Testing's event stream repeats an issue's comments (in `messages` and in `_comments`):
/// each line of a failure is reported once.
@Suite("swift test event stream")
struct SwiftTestEventStream {
    @Test("an issue's comment is stated once")
    func commentOnce() {
        let id = "PokdocTests.S/f()/F.swift:1:1"
        let lines = [
            #"{"kind":"test","payload":{"id":"PokdocTests.S","kind":"suite","name":"S","displayName":"Suite S"}}"#,
            #"{"kind":"test","payload":{"id":"\#(id)","kind":"function","name":"f()","displayName":"f"}}"#,
            #"{"kind":"event","payload":{"kind":"issueRecorded","testID":"\#(id)","messages":[{"symbol":"fail","text":"Expectation failed: x"},{"symbol":"details","text":"Step 1 (The hypercall IDs): why"}],"_comments":["Step 1 (The hypercall IDs): why"]}}"#,
            #"{"kind":"event","payload":{"kind":"testEnded","testID":"\#(id)","messages":[{"symbol":"fail","text":"f failed"}]}}"#,
        ]
        let results = HostTestRun.parse(Data(lines.joined(separator: "\n").utf8))
        #expect(results == [.init(name: "Suite S › f", passed: false, message: "Expectation failed: x\nStep 1 (The hypercall IDs): why")])
    }
}
