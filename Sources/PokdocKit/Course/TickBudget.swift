/// How many timer ticks a run may last before the kernel ends it with `POK END tick-budget`.
///
/// The kernel reads `ticks=` into a `UInt32` and takes 0 to mean "never end", so pokdoc accepts
/// only this range, wherever a budget comes from (`--ticks`, a chapter's or a scenario's `ticks:`):
/// a larger number would wrap around and a zero would end as a timeout blamed on the kernel.
public enum TickBudget {
    public static let allowed: ClosedRange<Int> = 1...1_000_000
    /// The budget of a run whose chapter names none.
    public static let standard = 200

    /// "between 1 and 1000000": the range in words, for every error that refuses a budget.
    public static var allowedInWords: String { "between \(allowed.lowerBound) and \(allowed.upperBound)" }
}
