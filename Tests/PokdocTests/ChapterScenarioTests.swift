import Testing
@testable import PokdocKit

// Each chapter's QEMU scenarios, as its front matter declares them. The suite names carry the
// chapter (for `swift test --filter Chapter01`) and "Scenarios" (which `pokdoc test` skips in its
// host pass, because it runs the scenarios itself with richer output).

@Suite("Chapter 1 — QEMU scenarios")
struct Chapter01Scenarios {
    @Test("scenario", arguments: CourseFixture.scenarios(ofChapter: 1))
    func scenario(_ scenarioCase: ScenarioCase) async throws {
        try await runScenario(scenarioCase)
    }
}

@Suite("Chapter 2 — QEMU scenarios")
struct Chapter02Scenarios {
    @Test("scenario", arguments: CourseFixture.scenarios(ofChapter: 2))
    func scenario(_ scenarioCase: ScenarioCase) async throws {
        try await runScenario(scenarioCase)
    }

    /// The hello transcript shows two tick values, and the second is larger.
    @Test("hello reads two increasing ticks through GETTICK")
    func helloTicksIncrease() async throws {
        let chapter = try CourseFixture.course.chapter(2)
        let outcome = await ScenarioRunner(course: CourseFixture.course).run(try chapter.scenario(named: "hello"), of: chapter)
        let transcript = try #require(outcome.run?.transcript, "the hello kernel did not run: \(outcome.problems)")
        func value(_ prefix: String) -> Int? {
            transcript.first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) }
        }
        let first = try #require(value("first tick: "), "no 'first tick:' line in \(transcript)")
        let second = try #require(value("second tick: "), "no 'second tick:' line in \(transcript)")
        #expect(second > first, "GETTICK went from \(first) to \(second): the clock must advance across the sleep")
    }
}

@Suite("Chapter 4 — QEMU scenarios")
struct Chapter04Scenarios {
    @Test("scenario", arguments: CourseFixture.scenarios(ofChapter: 4))
    func scenario(_ scenarioCase: ScenarioCase) async throws {
        try await runScenario(scenarioCase)
    }

    /// testHypercall reads the clock twice through hypercall GETTICK, and it advances.
    @Test("testHypercall reads two increasing ticks through hypercall GETTICK")
    func ticksByHypercall() async throws {
        let chapter = try CourseFixture.course.chapter(4)
        let outcome = await ScenarioRunner(course: CourseFixture.course).run(try chapter.scenario(named: "test-hypercall"), of: chapter)
        let transcript = try #require(outcome.run?.transcript, "testHypercall did not run: \(outcome.problems)")
        func value(_ prefix: String) -> Int? {
            transcript.first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) }
        }
        let first = try #require(value("first tick by hypercall: "), "no first tick in \(transcript)")
        let second = try #require(value("second tick by hypercall: "), "no second tick in \(transcript)")
        #expect(second > first, "hypercall GETTICK went from \(first) to \(second): the clock must advance")
    }
}
