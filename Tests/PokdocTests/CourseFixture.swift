import Foundation
@testable import PokdocKit

/// The course this test bundle belongs to (the checkout it was built from).
enum CourseFixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let course = Course(root: root)

    /// The scenarios of chapter `number`, for parameterised tests; a broken chapter yields a
    /// placeholder whose test then fails with the loading error.
    static func scenarios(ofChapter number: Int) -> [ScenarioCase] {
        do {
            return try course.chapter(number).scenarios.map { ScenarioCase(chapter: number, name: $0.name) }
        } catch {
            return [ScenarioCase(chapter: number, name: "chapter \(number) failed to load: \(error)")]
        }
    }
}

/// A copy of the course (package, sources, chapters) in a temporary folder with one file changed:
/// a mutant, for the tests that show a mistake is caught.
func courseCopy(mutating file: String, _ change: (String) -> String) throws -> Course {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("pok-mutant-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for item in ["Package.swift", "Sources", "Chapters"] {
        try FileManager.default.copyItem(at: CourseFixture.root.appendingPathComponent(item), to: root.appendingPathComponent(item))
    }
    let target = root.appendingPathComponent(file)
    let original = try String(contentsOf: target, encoding: .utf8)
    let changed = change(original)
    try #require(changed != original, "the mutation did not apply to \(file): the reference solution is not there")
    try changed.write(to: target, atomically: true, encoding: .utf8)
    return Course(root: root)
}

/// One (chapter, scenario) pair: a readable test argument.
struct ScenarioCase: Sendable, CustomTestStringConvertible, Hashable {
    var chapter: Int
    var name: String
    var testDescription: String { name }
}

import Testing

/// Runs one scenario under QEMU and records every problem as a test failure. A missing QEMU is a
/// failure with the install command, never a skip.
func runScenario(_ scenarioCase: ScenarioCase, bsp: BoardSupportPackage? = nil) async throws {
    try requireQEMU()
    let chapter = try CourseFixture.course.chapter(scenarioCase.chapter)
    let scenario = try chapter.scenario(named: scenarioCase.name)
    let outcome = await ScenarioRunner(course: CourseFixture.course).run(scenario, of: chapter, bsp: bsp)
    let context = ([scenario.summary ?? ""] + outcome.faultExplanations).joined(separator: "\n")
    #expect(outcome.problems.isEmpty, "\(scenario.name) [\(outcome.bsp)]: \(outcome.problems.joined(separator: "\n"))\n\(context)")
    #expect(outcome.passed)
}
