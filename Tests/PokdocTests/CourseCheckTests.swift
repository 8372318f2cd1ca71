// `pokdoc check` (CourseCheck): it passes on the course, and on a copy of the course it fails,
// naming the file and real line, for each kind of drift — a renamed anchor, a broken link, a
// deleted test, a pasted listing, an anchor that cuts a block, one byte of a shown transcript.
import Foundation
import Subprocess
import Testing
@testable import PokdocKit

@Suite("pokdoc check — prose, code, transcripts and tests agree")
struct CourseCheckTests {
    /// A copy of the course (what the check reads) in a temporary folder.
    struct CourseCopy {
        let root: URL
        var course: Course { Course(root: root) }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pok-check-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/cp")
            process.arguments = ["-a"] + ["Package.swift", "Sources", "Chapters", "Tests", "docs", "README.md"]
                .map { CourseFixture.root.appendingPathComponent($0).path } + [root.path]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        func replace(_ old: String, with new: String, in path: String) throws {
            let url = root.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "the mutant's text must be in \(path)")
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }

        /// The 1-based line of the first line of `path` containing `needle`.
        func line(of needle: String, in path: String) throws -> Int {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return try #require(lines.firstIndex { $0.contains(needle) }) + 1
        }

        func check(transcripts: Bool = false, only: Set<Int>? = nil) async throws -> CheckReport {
            try await CourseCheck(course: course, reference: CourseFixture.course).run(transcripts: transcripts, only: only)
        }
    }

    static let chapter1 = "Chapters/01-boot-and-events/chapter.md"
    static let chapter2 = "Chapters/02-syscall-gate/chapter.md"

    @Test("the course passes every static rule, and the report ends `N passed, 0 failed`")
    func coursePasses() async throws {
        let report = try await CourseCheck(course: CourseFixture.course).run(transcripts: false)
        #expect(report.failures.isEmpty, "pokdoc check fails on the course:\n\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.passed > 100 && report.summary == "\(report.passed) passed, 0 failed")
    }

    @Test("a renamed anchor: the include fails at its line, and the new name is shown by no chapter")
    func renamedAnchor() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let source = "Sources/Kernel/Arch/X86/IDT.swift"
        try copy.replace("ANCHOR: idt-init", with: "ANCHOR: idt-setup", in: source)
        try copy.replace("ANCHOR_END: idt-init", with: "ANCHOR_END: idt-setup", in: source)
        let failures = try await copy.check().failures
        let include = try copy.line(of: "IDT.swift:idt-init}}", in: Self.chapter1)
        #expect(failures.contains { $0.rule == .include && $0.file == Self.chapter1 && $0.line == include && $0.message.contains("did you mean 'idt-setup'") },
                "the include of idt-init, at \(Self.chapter1):\(include): \(failures)")
        let anchor = try copy.line(of: "ANCHOR: idt-setup", in: source)
        #expect(failures.contains { $0 == CheckFinding(rule: .anchorUnused, file: source, line: anchor, message: "anchor 'idt-setup' is shown by no chapter: include it, or remove its markers") })
    }

    @Test("a broken link: a missing file, and a heading that does not exist")
    func brokenLinks() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let chapter0 = "Chapters/00-welcome/chapter.md"
        let text = try String(contentsOf: copy.root.appendingPathComponent(chapter0), encoding: .utf8)
        try (text + "\nSee [the notes](notes.md) and [the timer](../01-boot-and-events/chapter.md#the-timer-chip).\n")
            .write(to: copy.root.appendingPathComponent(chapter0), atomically: true, encoding: .utf8)
        let line = try copy.line(of: "[the notes](notes.md)", in: chapter0)
        let failures = try await copy.check().failures.filter { $0.rule == .link }
        #expect(failures.map(\.line) == [line, line], "both links, at \(chapter0):\(line): \(failures)")
        #expect(failures.first?.message == "link to notes.md: there is no Chapters/00-welcome/notes.md")
        #expect(failures.last?.message.contains("has no heading #the-timer-chip") == true, "\(failures)")
    }

    // Mutant: the rule skipped, or the line counted from the body instead of the file.
    @Test("a chapter without the link to its rendered page fails at its first line; a page moved on Pages fails every chapter")
    func renderedLink() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let line = try copy.line(of: "Read this chapter rendered", in: Self.chapter2)
        try copy.replace("> [Read this chapter rendered", with: "> [Read this chapter", in: Self.chapter2)
        let failures = try await copy.check().failures.filter { $0.rule == .renderedLink }
        #expect(failures.map(\.file) == [Self.chapter2] && failures.map(\.line) == [line], "\(failures)")
        #expect(failures.first?.message.contains("https://pok-swift.github.io/pok-swift/02-syscall-gate.html") == true)

        try copy.replace("pages: https://pok-swift.github.io/pok-swift/", with: "pages: https://example.org/course/", in: "Chapters/site.yaml")
        let moved = try await copy.check().failures.filter { $0.rule == .renderedLink }
        #expect(moved.count == (try copy.course.chapters().count), "every chapter's link names the old address: \(moved)")
    }

    // Mutants of the kit: a stub sending the student to another step, a step's suite renamed, a
    // marked file the grader would not copy, a step taught with no region.
    @Test("a kit that breaks Chapter 4's promises fails at the marker or heading, naming the promise")
    func kitPromises() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let chapter4 = "Chapters/04-hypercall-gate/chapter.md"
        let gates = "Sources/Kernel/Arch/X86/Hypercalls.swift"
        try copy.replace("// return UnwrittenStep.report(4, \"hypercallGate", with: "// return UnwrittenStep.report(5, \"hypercallGate", in: gates)
        try copy.replace("### Step 3: the entry stub (`Chapter04Step3EntryStub`)", with: "### Step 3: the entry stub (`Chapter04Step3Entry`)", in: chapter4)
        try copy.replace("  - Sources/Kernel/Arch/X86/Event.swift\n", with: "", in: "Chapters/04-hypercall-gate/assignment.yaml")
        let text = try String(contentsOf: copy.root.appendingPathComponent(chapter4), encoding: .utf8)
        try (text + "\n### Step 7: the audit log (`Chapter04Step7Audit`)\n").write(to: copy.root.appendingPathComponent(chapter4), atomically: true, encoding: .utf8)

        let failures = try await copy.check().failures.filter { $0.rule == .kit }
        let gateLine = try copy.line(of: "SOLUTION-BEGIN step=4", in: gates)
        #expect(failures.contains { $0.file == gates && $0.line == gateLine && $0.message.contains("announces step 5") }, "\(failures)")
        let step3 = try copy.line(of: "### Step 3:", in: chapter4)
        #expect(failures.contains { $0.file == chapter4 && $0.line == step3 && $0.message.contains("`Chapter04Step3Entry`") }, "\(failures)")
        let event = "Sources/Kernel/Arch/X86/Event.swift"
        let eventLine = try copy.line(of: "SOLUTION-BEGIN", in: event)
        #expect(failures.contains { $0.file == event && $0.line == eventLine && $0.message.contains("does not list as editable") }, "\(failures)")
        let step7 = try copy.line(of: "### Step 7:", in: chapter4)
        #expect(failures.contains { $0.file == chapter4 && $0.line == step7 && $0.message.contains("no SOLUTION-BEGIN step=7") }, "\(failures)")
        #expect(failures.count == 5, "exactly these (step 7 also has no suite): \(failures)")
    }

    // Mutant: the check throwing (no `N passed, N failed`) or naming no line.
    @Test("front matter naming a program or a board that does not exist: one finding at its line, then the summary")
    func frontMatterNames() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        try copy.replace("program: programs/hello.swift\nticks", with: "program: programs/helo.swift\nticks", in: Self.chapter2)
        let line = try copy.line(of: "program: programs/helo.swift", in: Self.chapter2)
        let report = try await copy.check()
        #expect(report.failures.map(\.description) == [
            "\(Self.chapter2):\(line): [front-matter] program programs/helo.swift does not exist (looked for \(copy.root.path)/Chapters/02-syscall-gate/programs/helo.swift)",
        ])
        #expect(report.summary == "0 passed, 1 failed")

        let board = try CourseCopy()
        defer { board.remove() }
        try board.replace("bsp: x86-qemu\nbsps:", with: "bsp: x86-qemu-smp\nbsps:", in: Self.chapter2)
        let failures = try await board.check().failures
        let boardLine = try board.line(of: "bsp: x86-qemu-smp", in: Self.chapter2)
        #expect(failures.count == 1 && failures.first?.rule == .frontMatter && failures.first?.line == boardLine, "\(failures)")
    }

    @Test("a declared test deleted: the chapter's tests filter matches nothing, at its front matter")
    func deletedTests() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let tests = copy.root.appendingPathComponent("Tests")
        let enumerator = try #require(FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            if let text = try? String(contentsOf: url, encoding: .utf8), text.contains("struct Chapter01") || text.contains("enum Chapter01") {
                try FileManager.default.removeItem(at: url)
            }
        }
        let failures = try await copy.check(only: [1]).failures
        let line = try copy.course.chapter(1).keyLines["tests"] ?? copy.course.chapter(1).keyLines["number"] ?? 0
        #expect(failures == [CheckFinding(rule: .frontMatter, file: Self.chapter1, line: line,
                                          message: "tests 'Chapter01' matches no test under Tests/: `pokdoc test 1` would run none")],
                "\(failures)")
    }

    @Test("a pasted listing: three lines of a dispatcher in a fence, not an include")
    func pastedListing() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let text = try String(contentsOf: copy.root.appendingPathComponent(Self.chapter2), encoding: .utf8)
        let pasted = "```swift\n    case .consoleWrite:\n        return Services.consoleWrite(args, caller)\n    case .getTick:\n        return Services.getTick(args, caller)\n```\n"
        try (text + "\nThe dispatcher again:\n\n" + pasted).write(to: copy.root.appendingPathComponent(Self.chapter2), atomically: true, encoding: .utf8)
        let fence = text.split(separator: "\n", omittingEmptySubsequences: false).count + 3
        let failures = try await copy.check(only: [2]).failures
        #expect(failures.count == 1 && failures.first?.rule == .pastedCode && failures.first?.line == fence
                && failures.first?.message.contains("this listing repeats Sources/Kernel/Core/") == true,
                "the fence at \(Self.chapter2):\(fence): \(failures)")
    }

    @Test("an anchor that cuts a function mid-switch is unbalanced")
    func unbalancedAnchor() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let source = "Sources/Kernel/Core/Syscall.swift"
        try copy.replace("    switch id {\n", with: "    switch id {\n    // ANCHOR_END: core-syscall-head\n", in: source)
        try copy.replace("// ANCHOR: core-syscall\n", with: "// ANCHOR: core-syscall\n// ANCHOR: core-syscall-head\n", in: source)
        try copy.replace("{{#include ../../Sources/Kernel/Core/Syscall.swift:core-syscall}}",
                         with: "{{#include ../../Sources/Kernel/Core/Syscall.swift:core-syscall}}\n```\n\n```swift\n{{#include ../../Sources/Kernel/Core/Syscall.swift:core-syscall-head}}",
                         in: Self.chapter2)
        let failures = try await copy.check(only: [2]).failures
        let line = try copy.line(of: "ANCHOR: core-syscall-head", in: source)
        #expect(failures == [CheckFinding(rule: .anchorBraces, file: source, line: line,
                                          message: "anchor 'core-syscall-head' cuts a block: its region opens 3 '{' and closes 1 '}'")],
                "\(failures)")
    }

    @Test("one byte of a shown transcript changed: the fresh QEMU run differs, reported where the chapter shows it")
    func transcriptByte() async throws {
        let copy = try CourseCopy()
        defer { copy.remove() }
        let transcript = "Chapters/02-syscall-gate/transcripts/hello.txt"
        try copy.replace("Hello", with: "Jello", in: transcript)
        let report = try await copy.check(transcripts: true, only: [2])
        let line = try copy.line(of: "{{#include transcripts/hello.txt}}", in: Self.chapter2)
        #expect(report.failures.count == 1 && report.failures.first?.rule == .transcript && report.failures.first?.file == Self.chapter2
                && report.failures.first?.line == line && report.failures.first?.message.contains("transcript differs") == true,
                "the include at \(Self.chapter2):\(line): \(report.failures)")
    }

    @Test("pokdoc check on the command line: the summary line, exit 0; an unknown chapter is an error")
    func commandLine() async throws {
        let pokdoc = try #require(ProcessWatch.pokdoc, "the pokdoc executable was not built beside the tests")
        let good = try await Subprocess.run(.path(.init(pokdoc.path)), arguments: ["check", "--no-transcripts", "--course", CourseFixture.root.path],
                                            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(good.terminationStatus == .exited(0), "\(good.standardError)")
        #expect(good.standardOutput.split(separator: "\n").last?.hasSuffix(" passed, 0 failed") == true, "\(good.standardOutput)")
        let bad = try await Subprocess.run(.path(.init(pokdoc.path)), arguments: ["check", "--chapter", "9", "--no-transcripts", "--course", CourseFixture.root.path],
                                           output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        #expect(bad.terminationStatus != .exited(0) && bad.standardError.contains("--chapter 9: the course has chapters 0, 1, 2, 3, 4"),
                "\(bad.standardError)")
    }
}
