import Foundation
import Testing
@testable import PokdocKit

/// A chapter folder in a temporary directory holding `chapter.md` (and the programs it names).
struct TemporaryChapter {
    let directory: URL

    init(_ text: String, programs: [String] = ["programs/p.swift"]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-chapter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("programs"), withIntermediateDirectories: true)
        for program in programs {
            try "// a program\n".write(to: directory.appendingPathComponent(program), atomically: true, encoding: .utf8)
        }
        try text.write(to: directory.appendingPathComponent("chapter.md"), atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// The error loading the chapter gives, or a recorded issue if it loads.
    func loadError(sourceLocation: SourceLocation = #_sourceLocation) -> ChapterError? {
        do {
            _ = try Chapter.load(from: directory)
            Issue.record("the chapter loaded although it is malformed", sourceLocation: sourceLocation)
        } catch let error as ChapterError {
            return error
        } catch {
            Issue.record("expected a ChapterError, got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

/// A valid front matter with one scenario; each case below breaks one line of it.
private let validFrontMatter = """
    ---
    number: 9
    title: "A test chapter"
    bsp: x86-qemu
    program: programs/p.swift
    ticks: 50
    scenarios:
      - name: runs
        summary: it runs
        expect:
          - '^POK kernel initialized$'
        end: tick-budget
    ---
    # Body

    """

/// Rule: every problem in a chapter's front matter is an error naming chapter.md, the real line
/// of the file (the YAML starts on line 2) and, for a misspelled key, the nearest valid one —
/// nothing is silently ignored, so a scenario cannot pass checking nothing.
@Suite("Chapter 0 — bad front matter is a precise error")
struct Chapter00FrontMatterValidation {
    @Test("the valid front matter the cases start from loads")
    func baseline() throws {
        let chapter = try TemporaryChapter(validFrontMatter)
        defer { chapter.remove() }
        let loaded = try Chapter.load(from: chapter.directory)
        #expect(loaded.scenarios.map(\.name) == ["runs"])
        #expect(loaded.bodyFirstLine == 14, "the body starts on the line after the closing '---'")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var find: String
        var replace: String
        var line: Int
        var needles: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a misspelled scenario key (expcet)", find: "    expect:\n", replace: "    expcet:\n",
             line: 10, needles: ["unknown key 'expcet'", "scenario 'runs'", "did you mean 'expect'?"]),
        Case(name: "a misspelled chapter key (tikcs)", find: "ticks: 50", replace: "tikcs: 50",
             line: 6, needles: ["unknown key 'tikcs'", "did you mean 'ticks'?"]),
        Case(name: "a key given twice", find: "    end: tick-budget\n", replace: "    end: tick-budget\n    end: done\n",
             line: 13, needles: ["'end' is given twice", "first on line 12"]),
        Case(name: "a scenario with no expectation", find: "    expect:\n      - '^POK kernel initialized$'\n    end: tick-budget\n",
             replace: "    reject: ['POK FAULT']\n", line: 8, needles: ["scenario 'runs' checks nothing", "expect:"]),
        Case(name: "malformed YAML", find: "title: \"A test chapter\"", replace: "title: \"A test chapter",
             line: 3, needles: ["not valid YAML", "quoted scalar"]),
        Case(name: "a bad indentation", find: "    summary: it runs", replace: "   summary: it runs",
             line: 9, needles: ["not valid YAML"]),
        Case(name: "a number that is not a number", find: "number: 9", replace: "number: nine",
             line: 2, needles: ["'number' must be a whole number, not 'nine'"]),
        Case(name: "a list where text belongs", find: "    summary: it runs", replace: "    summary: [a, b]",
             line: 9, needles: ["'summary' in scenario 'runs' must be a single value", "not a list"]),
        Case(name: "an unknown BSP", find: "bsp: x86-qemu", replace: "bsp: arm",
             line: 4, needles: ["'arm'", "x86-qemu, x86-qemu-vmm"]),
        Case(name: "a missing title", find: "title: \"A test chapter\"\n", replace: "",
             line: 2, needles: ["has no 'title:'"]),
        Case(name: "a chapter program that does not exist", find: "program: programs/p.swift", replace: "program: programs/nope.swift",
             line: 5, needles: ["programs/nope.swift does not exist"]),
        Case(name: "a scenario program that does not exist", find: "    summary: it runs", replace: "    summary: it runs\n    program: programs/gone.swift",
             line: 10, needles: ["names program programs/gone.swift, which does not exist"]),
        Case(name: "a tick budget of zero", find: "ticks: 50", replace: "ticks: 0",
             line: 6, needles: ["ticks 0 is out of range", "between 1 and 1000000"]),
        Case(name: "a tick budget the kernel cannot count", find: "    end: tick-budget\n", replace: "    end: tick-budget\n    ticks: 4294967306\n",
             line: 13, needles: ["ticks 4294967306 is out of range"]),
        Case(name: "a misspelled verdict", find: "    end: tick-budget\n", replace: "    end: tick-budget\n    verdict: tripple-fault\n",
             line: 13, needles: ["'tripple-fault' is not a verdict", "did you mean 'triple-fault'?"]),
        Case(name: "a front matter never closed", find: "---\n# Body", replace: "# Body",
             line: 1, needles: ["never closed"]),
    ]

    @Test("names chapter.md, the real line and what is wrong", arguments: cases)
    func preciseError(_ testCase: Case) throws {
        let text = validFrontMatter.replacingOccurrences(of: testCase.find, with: testCase.replace)
        try #require(text != validFrontMatter, "the case did not apply")
        let chapter = try TemporaryChapter(text)
        defer { chapter.remove() }
        guard let error = chapter.loadError() else { return }
        let message = error.description
        #expect(message.hasPrefix(chapter.directory.appendingPathComponent("chapter.md").path + ":\(testCase.line): "),
                "the error must start with chapter.md:\(testCase.line) (the line in the file, the YAML starting on line 2): \(message)")
        for needle in testCase.needles {
            #expect(message.contains(needle), "expected '\(needle)' in: \(message)")
        }
        #expect(!message.contains("at ''"), "an error must say where, not at '': \(message)")
    }

    @Test("an include that does not resolve is reported at its line of chapter.md, not of the body")
    func includeLine() throws {
        let text = validFrontMatter + "prose\n\n{{#include programs/p.swift:no-such-anchor}}\n"
        let chapter = try TemporaryChapter(text)
        defer { chapter.remove() }
        let loaded = try Chapter.load(from: chapter.directory)
        // Lines: 1–13 front matter, 14 "# Body", 15 "prose", 16 "", 17 the include.
        do {
            _ = try IncludeResolver().resolve(loaded)
            Issue.record("an include of a missing anchor resolved")
        } catch let error as IncludeResolver.Unresolved {
            #expect(error.line == 17, "the include is on line 17 of chapter.md, reported at \(error.line)")
            #expect(error.description.hasPrefix(loaded.markdownFile.path + ":17: "), "\(error)")
        }
        #expect(IncludeResolver().includes(in: loaded.body, firstLine: loaded.bodyFirstLine).map(\.line) == [17])
    }

    @Test("the valid keys are the fields of the front matter and of a scenario")
    func keysAreTheFields() {
        #expect(Set(Scenario.keys) == ["name", "summary", "program", "bsp", "needs", "ticks", "arguments", "expect", "reject",
                                       "end", "verdict", "transcript", "transcriptFile", "checks", "aside", "section"])
        #expect(Set(Chapter.FrontMatter.keys) == ["number", "title", "bsp", "bsps", "needs", "program", "ticks", "tests", "scenarios"])
    }

    @Test("nearest names: one swap, one slip, a tie goes to the first")
    func nearestName() {
        #expect(NearestName.distance("expcet", "expect") == 1)
        #expect(NearestName.distance("tikcs", "ticks") == 1)
        #expect(NearestName.nearest(to: "rejct", among: Scenario.keys) == "reject")
        #expect(NearestName.nearest(to: "x", among: []) == nil)
    }
}
