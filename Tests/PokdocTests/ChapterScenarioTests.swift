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
        try await expectIncreasingTicks(chapter: 2, scenario: "hello", first: "first tick: ", second: "second tick: ")
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
        try await expectIncreasingTicks(chapter: 4, scenario: "test-hypercall", first: "first tick by hypercall: ", second: "second tick by hypercall: ")
    }
}

@Suite("Chapter 5 — QEMU scenarios")
struct Chapter05Scenarios {
    @Test("scenario", arguments: CourseFixture.scenarios(ofChapter: 5))
    func scenario(_ scenarioCase: ScenarioCase) async throws {
        try await runScenario(scenarioCase)
    }
}

/// Runs a scenario whose partition prints two tick values and checks that the clock advanced.
func expectIncreasingTicks(chapter number: Int, scenario name: String, first: String, second: String) async throws {
    let chapter = try CourseFixture.course.chapter(number)
    let outcome = await ScenarioRunner(course: CourseFixture.course).run(try chapter.scenario(named: name), of: chapter)
    let transcript = try #require(outcome.run?.transcript, "\(name) did not run: \(outcome.problems)")
    func value(_ prefix: String) -> Int? {
        transcript.first { $0.hasPrefix(prefix) }.flatMap { Int($0.dropFirst(prefix.count)) }
    }
    let earlier = try #require(value(first), "no '\(first)' line in \(transcript)")
    let later = try #require(value(second), "no '\(second)' line in \(transcript)")
    #expect(later > earlier, "\(name): the tick count went from \(earlier) to \(later); the clock must advance")
}
