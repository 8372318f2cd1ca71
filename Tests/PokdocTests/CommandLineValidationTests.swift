import Foundation
import Subprocess
import Testing
@testable import PokdocKit

/// Rule: every numeric option of pokdoc has a range, and a value outside it is refused before
/// anything is built or booted (usage error, exit 64), with the option and its range in the error.
@Suite("Chapter 0 — pokdoc refuses options out of range")
struct Chapter00CommandLineValidation {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var needle: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["run", "1", "--ticks", "4294967306"], needle: "--ticks 4294967306 is out of range; it must be between 1 and 1000000"),
        Case(arguments: ["run", "1", "--ticks", "0"], needle: "--ticks 0 is out of range; it must be between 1 and 1000000"),
        Case(arguments: ["run", "1", "--ticks=-5"], needle: "--ticks -5 is out of range"),
        Case(arguments: ["run", "1", "--timeout", "0"], needle: "--timeout 0 is out of range; it must be between 1 and 3600 seconds"),
        Case(arguments: ["run", "1", "--timeout", "nan"], needle: "--timeout nan is out of range"),
        Case(arguments: ["run", "1", "--timeout", "1e300"], needle: "--timeout 1e+300 is out of range"),
        Case(arguments: ["bench", "boot", "--runs", "0"], needle: "--runs 0 is out of range; it must be between 1 and 1000"),
        Case(arguments: ["bench", "boot", "--ticks", "0"], needle: "--ticks 0 is out of range; it must be between 1 and 1000000"),
        Case(arguments: ["test", "0", "--course", "/proc"], needle: "--course /proc is not a pok-swift course"),
    ]

    @Test("a bad value is a usage error naming the option and its range", arguments: cases)
    func refused(_ testCase: Case) async throws {
        let pokdoc = try #require(ProcessWatch.pokdoc, "the pokdoc executable was not built beside the tests")
        let course = testCase.arguments.contains("--course") ? [] : ["--course", CourseFixture.root.path]
        let result = try await Subprocess.run(
            .path(.init(pokdoc.path)), arguments: Arguments(testCase.arguments + course),
            output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
        let stderr = result.standardError
        #expect(result.terminationStatus == .exited(64), "a bad option is a usage error (exit 64), got \(result.terminationStatus): \(stderr)")
        #expect(stderr.contains(testCase.needle), "expected '\(testCase.needle)' in: \(stderr)")
        #expect(result.standardOutput.isEmpty, "nothing may run before the options are checked: \(result.standardOutput)")
    }

    @Test("the tick range is what the kernel can count: positive and far below UInt32's wrap")
    func tickRange() {
        #expect(TickBudget.allowed.lowerBound == 1, "0 means 'never end' to the kernel (RunReport.configure)")
        #expect(UInt64(TickBudget.allowed.upperBound) < UInt64(UInt32.max), "the kernel reads ticks= into a UInt32")
        #expect(TickBudget.allowed.contains(TickBudget.standard))
    }
}
