import ArgumentParser
import PokdocKit

/// The range of every numeric option, written once: each option's help text and its
/// `validate()` error come from here, so a value outside it is refused before anything runs
/// (rather than wrapping around, as `--ticks 4294967306` did, or crashing, as `--runs 0` did).
enum OptionRange {
    /// `--ticks`: what the kernel can count (`TickBudget`, shared with the chapters' `ticks:`).
    static let ticks = TickBudget.allowed
    /// `--timeout`, in seconds: a wall-clock backstop of at least a second and at most an hour.
    static let timeoutSeconds: ClosedRange<Double> = 1...3600
    /// `bench boot --runs`: boots of each kernel (a median needs at least one).
    static let benchRuns: ClosedRange<Int> = 1...1000
    /// `pokdoc grade --jobs`: submissions graded at a time.
    static let jobs: ClosedRange<Int> = 1...64
    /// `pokdoc bench grade --submissions`.
    static let benchSubmissions: ClosedRange<Int> = 1...1000

    static func words(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)…\(range.upperBound)" }
    static func words(_ range: ClosedRange<Double>) -> String { "\(plain(range.lowerBound))…\(plain(range.upperBound))" }

    /// Refuses `value` outside `range`, naming the option and the range.
    static func check(_ value: Int, in range: ClosedRange<Int>, option: String) throws {
        guard range.contains(value) else {
            throw ValidationError("--\(option) \(value) is out of range; it must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }

    static func check(_ value: Double, in range: ClosedRange<Double>, option: String, unit: String) throws {
        guard value.isFinite, range.contains(value) else {
            throw ValidationError("--\(option) \(plain(value)) is out of range; it must be between \(plain(range.lowerBound)) and \(plain(range.upperBound)) \(unit)")
        }
    }

    private static func plain(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
