// Reading rubric.yaml (docs/grading.md, "The rubric"): the points, and every error with the file
// and the real line.
import Foundation
import Grading
import Testing

@Suite("Rubric YAML")
struct RubricYAMLTests {
    static let known: Set<String> = ["hypercall.gate.descriptor", "hypercall.registers.preserved", "hypercall.ids.match"]

    static func parse(_ yaml: String) throws -> Rubric {
        try Rubric.parse(yaml: yaml, file: "rubric.yaml", knownChecks: known)
    }

    /// The error `yaml` gives, or a test failure naming what was expected.
    static func error(_ yaml: String) -> RubricError? {
        do {
            _ = try parse(yaml)
            return nil
        } catch let error as RubricError {
            return error
        } catch {
            Issue.record("not a RubricError: \(error)")
            return nil
        }
    }

    @Test("a valid rubric: exact points in file order, rounding places, total")
    func valid() throws {
        let rubric = try Self.parse("""
            assignment: hypercall-gate
            version: 1
            rounding: { places: 3 }
            checks:
              hypercall.gate.descriptor: "1/3"
              hypercall.registers.preserved: 2
              hypercall.ids.match: 0.25
            """)
        #expect(rubric.assignment == "hypercall-gate")
        #expect(rubric.entries.map(\.checkID) == ["hypercall.gate.descriptor", "hypercall.registers.preserved", "hypercall.ids.match"])
        #expect(rubric.entries.map(\.points.description) == ["1/3", "2", "1/4"], "points as written, exactly")
        #expect(rubric.entries.map(\.line) == [5, 6, 7], "each entry remembers its real line")
        #expect(rubric.maximum.description == "31/12", "1/3 + 2 + 1/4 = 31/12")
        #expect(rubric.rounding.places == 3)
        #expect(try Self.parse("assignment: a\nversion: 1\nchecks: {hypercall.gate.descriptor: 1, hypercall.registers.preserved: 1, hypercall.ids.match: 1}").rounding == .standard,
                "no rounding key: the standard 2 places")
    }

    static let header = "assignment: hypercall-gate\nversion: 1\n"

    @Test("each fault names the file and the line it is on", arguments: [
        // (yaml, line, fault)
        (header + "checks:\n  hypercall.gate.descriptor: 1/3\n  hypercall.registers.preserved: 2\n  hypercall.ids.match: 1\ncolour: red\n",
         7, RubricError.Fault.unknownKey("colour", allowed: Rubric.keys)),
        (header + "checks:\n  hypercall.gate.descriptor: 1/3\n  hypercall.registers.preserved: 2\n  hypercall.gate.descriptor: 1\n  hypercall.ids.match: 1\n",
         6, .duplicateCheck("hypercall.gate.descriptor", firstLine: 4)),
        (header + "checks:\n  hypercall.gate.descriptor: 1/3\n  hypercall.registers.preserved: 1/0\n  hypercall.ids.match: 1\n",
         5, .badPoints(check: "hypercall.registers.preserved", .zeroDenominator(text: "1/0"))),
        (header + "checks:\n  hypercall.gate.descriptor: abc\n", 4,
         .badPoints(check: "hypercall.gate.descriptor", .unexpectedCharacter(text: "abc", character: "a", offset: 0))),
        (header + "checks:\n  hypercall.gate.descriptor: 1\n  hypercall.registers.preserved: -2/3\n  hypercall.ids.match: 1\n",
         5, .negativePoints(check: "hypercall.registers.preserved", points: "-2/3")),
        (header + "checks:\n  hypercall.gate.descriptor: 1\n  hypercall.registers.preserve: 2\n",
         5, .unknownCheck("hypercall.registers.preserve", nearest: "hypercall.registers.preserved")),
        (header + "checks:\n  hypercall.gate.descriptor: 1\n  hypercall.ids.match: 1\n",
         3, .uncoveredChecks(["hypercall.registers.preserved"])),
        ("assignment: hypercall-gate\nversion: 2\nchecks: {}\n", 2, .unsupportedVersion(2)),
        ("assignment: hypercall-gate\nchecks: {}\n", 1, .missingKey("version")),
        (header + "rounding:\n  places: 40\nchecks: {}\n", 4, .badPlaces("40")),
        (header + "version: 1\nchecks: {}\n", 3, .duplicateKey("version", firstLine: 2)),
        (header + "checks:\n  - hypercall.gate.descriptor\n", 4, .notAMapping(what: "\"checks\"")),
    ])
    func fault(yaml: String, line: Int, fault: RubricError.Fault) throws {
        let error = try #require(Self.error(yaml), "the rubric should be rejected with \(fault)")
        #expect(error.fault == fault)
        #expect(error.line == line, "the error must name the real line of the fault (\(fault))")
        #expect(error.description.hasPrefix("rubric.yaml:\(line): "), "errors read FILE:LINE: message")
    }

    @Test("YAML syntax errors keep libyaml's line")
    func syntax() throws {
        let error = try #require(Self.error(Self.header + "checks:\n  a: [1, 2\n  b: 3\n"))
        guard case .yamlSyntax = error.fault else {
            Issue.record("expected a YAML syntax error, got \(error.fault)")
            return
        }
        #expect(error.line >= 4, "the syntax error is on line 4 or after, not \(error.line)")
    }

    @Test("the messages say what to do")
    func messages() {
        #expect(RubricError(file: "r.yaml", line: 5, fault: .unknownCheck("x.y", nearest: "x.z")).description
            == "r.yaml:5: unknown check \"x.y\"; did you mean \"x.z\"?")
        #expect(RubricError(file: "r.yaml", line: 5, fault: .duplicateCheck("a", firstLine: 3)).description
            == "r.yaml:5: check \"a\" is listed twice (first at line 3)")
    }

    @Test("load(from:) names the file it read")
    func load() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("rubric.yaml")
        try (Self.header + "checks:\n  nope: 1\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: RubricError(file: file.path, line: 4, fault: .unknownCheck("nope", nearest: nil))) {
            try Rubric.load(from: file, knownChecks: Self.known)
        }
        let missing = dir.appendingPathComponent("absent.yaml")
        do {
            _ = try Rubric.load(from: missing, knownChecks: Self.known)
            Issue.record("a missing rubric file must be an error")
        } catch let error as RubricError {
            guard case .unreadable = error.fault else { Issue.record("expected .unreadable, got \(error.fault)"); return }
            #expect(error.description.hasPrefix("\(missing.path):0: cannot read the rubric"), "names the file: \(error)")
        }
    }
}
