// The Gradescope bundle: setup.sh installs exactly the course's packages, and run_autograder,
// run in a temporary copy of Gradescope's /autograder tree, leaves a results.json of the shape
// Gradescope documents (docs/grading.md, "On Gradescope").
import Foundation
import Grader
import Grading
import PokdocKit
import Testing

@Suite("Gradescope bundle")
struct GradescopeBundleTests {
    /// Runs `script` with bash in `environment` (added to this process's), bounded; exit status
    /// and standard error.
    func runBash(_ script: URL, environment: [String: String]) async throws -> (status: Int32, stderr: String) {
        try await offThePool { try Self.runBashBlocking(script, environment: environment) }
    }

    static func runBashBlocking(_ script: URL, environment: [String: String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<3_000 where process.isRunning { usleep(10_000) }  // at most 30 s
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    /// A temporary /autograder: submission/, results/, source/ (holding the bundle), and
    /// run_autograder copied to the root, as Gradescope lays it out.
    func autograderTree() throws -> URL {
        let root = BatchFixture.temporaryFolder().appendingPathComponent("autograder")
        let fm = FileManager.default
        for folder in ["submission", "results", "source"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "student work".write(to: root.appendingPathComponent("submission/Hypercall.swift"), atomically: true, encoding: .utf8)
        let script = root.appendingPathComponent("run_autograder")
        try GradescopeBundle.runAutograderScript(chapter: 4).write(to: script, atomically: true, encoding: .utf8)
        return root
    }

    /// A stand-in for pokdoc: records its folder and arguments, copies `canned` to the path after
    /// --output (if any), and exits with `status`.
    func fakePokdoc(in folder: URL, canned: URL?, status: Int32) throws -> URL {
        let fake = folder.appendingPathComponent("fake-pokdoc")
        let copy = canned.map { "cp '\($0.path)' \"$out\"" } ?? ":"
        try """
            #!/usr/bin/env bash
            pwd > "$(dirname "$0")/fake-cwd"
            printf '%s\\n' "$@" > "$(dirname "$0")/fake-args"
            out=""
            while [ $# -gt 0 ]; do if [ "$1" = --output ]; then out="$2"; fi; shift; done
            \(copy)
            exit \(status)
            """.write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        return fake
    }

    @Test("run_autograder grades /autograder/submission into results/results.json, of Gradescope's shape")
    func runAutograder() async throws {
        let root = try autograderTree()
        let canned = root.deletingLastPathComponent().appendingPathComponent("canned.json")
        try GradescopeReport.render(Self.everyStatus).write(to: canned, atomically: true, encoding: .utf8)
        let fake = try fakePokdoc(in: root.deletingLastPathComponent(), canned: canned, status: 1)

        let run = try await runBash(root.appendingPathComponent("run_autograder"), environment: ["AUTOGRADER_ROOT": root.path, "POKDOC": fake.path])
        #expect(run.status == 0, "below full marks (pokdoc's exit 1) is a grade, not a failed autograder: \(run.stderr)")
        let folder = fake.deletingLastPathComponent()
        let arguments = try String(contentsOf: folder.appendingPathComponent("fake-args"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(arguments == ["grade", "--chapter", "4", root.path + "/submission", "--format", "gradescope", "--output", root.path + "/results/results.json"],
                "run_autograder's command: pokdoc grade --chapter 4 SUBMISSION --format gradescope --output results/results.json")
        let cwd = try String(contentsOf: folder.appendingPathComponent("fake-cwd"), encoding: .utf8)
        #expect(cwd == root.path + "/source\n", "pokdoc runs in the course copy, so it finds the course there")

        let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
        try Self.validateGradescopeShape(data)
    }

    /// A result whose checks are in every status, so the shape is checked for each.
    static let everyStatus: GradeResult = {
        let statuses: [CheckStatus] = [.passed, .failed, .notRun(needs: BatchFixture.checkIDs[1])]
        let checks = zip(BatchFixture.rubric.entries, statuses).map { entry, status in
            CheckResult(id: entry.checkID, title: "check \(entry.checkID)", status: status, pointsPossible: entry.points)
        } + [CheckResult(id: "grader.own", title: "a check the grader could not run", status: .error, pointsPossible: .zero)]
        return GradeResult(submission: "bob", graderVersion: "test", seed: 1, verdict: .fail, duration: .seconds(2), checks: checks,
                           rounding: BatchFixture.rubric.rounding)
    }()

    @Test("pokdoc writing no results.json fails the autograder, saying so")
    func noResults() async throws {
        let root = try autograderTree()
        let fake = try fakePokdoc(in: root.deletingLastPathComponent(), canned: nil, status: 2)
        let run = try await runBash(root.appendingPathComponent("run_autograder"), environment: ["AUTOGRADER_ROOT": root.path, "POKDOC": fake.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("pokdoc grade exited 2 and wrote no \(root.path)/results/results.json"))
    }

    /// Gradescope's "Autograder Specifications": a numeric `score`; `tests`, each with a `name`,
    /// numeric `score` and `max_score`, `status` passed or failed, `output`, and `visibility` one
    /// of its four words; a top-level `visibility` likewise.
    static func validateGradescopeShape(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let visibilities: Set<String> = ["hidden", "after_due_date", "after_published", "visible"]
        let json = try JSONDecoder().decode(JSONValue.self, from: data)
        let top = try #require(json.object, "results.json is an object", sourceLocation: sourceLocation)
        #expect(top["score"]?.isNumber == true, "a numeric top-level score", sourceLocation: sourceLocation)
        #expect(visibilities.contains(top["visibility"]?.string ?? ""), "a Gradescope visibility", sourceLocation: sourceLocation)
        let tests = try #require(top["tests"]?.array, "tests is an array", sourceLocation: sourceLocation)
        #expect(!tests.isEmpty, sourceLocation: sourceLocation)
        for test in tests {
            let fields = try #require(test.object, "each test is an object", sourceLocation: sourceLocation)
            #expect(fields["name"]?.string != nil && fields["output"]?.string != nil, "each test has a name and an output", sourceLocation: sourceLocation)
            #expect(fields["score"]?.isNumber == true && fields["max_score"]?.isNumber == true, "numeric score and max_score", sourceLocation: sourceLocation)
            #expect(["passed", "failed"].contains(fields["status"]?.string ?? ""), "status passed or failed", sourceLocation: sourceLocation)
            #expect(visibilities.contains(fields["visibility"]?.string ?? ""), "a Gradescope visibility", sourceLocation: sourceLocation)
        }
    }

    /// Any JSON value, its kind kept (a number is not a Bool).
    enum JSONValue: Decodable {
        case number(Double), bool(Bool), string(String), array([JSONValue]), object([String: JSONValue]), null

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        var isNumber: Bool { if case .number = self { true } else { false } }
        var string: String? { if case let .string(value) = self { value } else { nil } }
        var array: [JSONValue]? { if case let .array(value) = self { value } else { nil } }
        var object: [String: JSONValue]? { if case let .object(value) = self { value } else { nil } }
    }

    @Test("setup.sh installs exactly DebianPackage.required, and both scripts are valid bash")
    func setupPackages() throws {
        let line = try #require(GradescopeBundle.setupScript.split(separator: "\n").first { $0.hasPrefix("COURSE_PACKAGES=") })
        let names = line.dropFirst("COURSE_PACKAGES=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ").map(String.init)
        #expect(names == DebianPackage.required.map(\.name), "setup.sh's packages are the course's one list, DebianPackage.required")
        #expect(GradescopeBundle.setupScript.contains("apt-get install -y $COURSE_PACKAGES"))
        #expect(GradescopeBundle.setupScript.contains("swift build -c release --product pokdoc"))
        let folder = BatchFixture.temporaryFolder()
        for (name, text) in [("setup.sh", GradescopeBundle.setupScript), ("run_autograder", GradescopeBundle.runAutograderScript(chapter: 4))] {
            let file = folder.appendingPathComponent(name)
            try text.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-n", file.path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(name) parses as bash")
        }
    }

    @Test("the bundle: both scripts executable beside a copy of the course sources (symlinks kept, no .build)")
    func writeBundle() throws {
        let folder = BatchFixture.temporaryFolder().appendingPathComponent("bundle")
        let written = try GradescopeBundle.write(to: folder, course: GraderFixture.course)
        let fm = FileManager.default
        for script in ["setup.sh", "run_autograder"] {
            let permissions = try fm.attributesOfItem(atPath: written.appendingPathComponent(script).path)[.posixPermissions] as? Int
            #expect(permissions == 0o755, "\(script) is executable")
        }
        #expect(try String(contentsOf: written.appendingPathComponent("run_autograder"), encoding: .utf8) == GradescopeBundle.runAutograderScript(chapter: 4))
        for item in GradescopeBundle.sourceItems {
            #expect(fm.fileExists(atPath: written.appendingPathComponent(item).path), "the bundle carries \(item)")
        }
        #expect(try fm.destinationOfSymbolicLink(atPath: written.appendingPathComponent("Sources/KernelX86Qemu").path) == "Kernel",
                "Sources/KernelX86Qemu stays a link to Kernel, as Package.swift expects")
        #expect(!fm.fileExists(atPath: written.appendingPathComponent(".build").path))

        #expect(throws: GradescopeBundleError.outputNotEmpty(written.path), "a second bundle into the same folder is refused") {
            try GradescopeBundle.write(to: written, course: GraderFixture.course)
        }
        let inside = GraderFixture.course.root.appendingPathComponent("bundle-here")
        #expect(throws: GradescopeBundleError.outputInsideCourse(inside.path, course: GraderFixture.course.root.path),
                "a bundle inside the course would copy the course into itself") {
            try GradescopeBundle.write(to: inside, course: GraderFixture.course)
        }
    }
}
