// A rubric: the points of each check, kept apart from the checks (docs/grading.md, "The rubric").
// Read from YAML by Rubric+YAML.swift.

/// The points each check is worth, exactly, in the order the rubric file lists them.
public struct Rubric: Sendable {
    public struct Entry: Sendable, Equatable {
        public let checkID: String
        public let points: Rational
        /// The rubric file's line that gives these points.
        public let line: Int
    }

    /// The rubric format this code reads (the file's `version:`).
    public static let formatVersion = 1

    public let assignment: String
    public let version: Int
    public let entries: [Entry]
    public let rounding: RoundingRule

    /// The points of `checkID`, or nil if the rubric does not list it.
    public func points(for checkID: String) -> Rational? {
        entries.first(where: { $0.checkID == checkID })?.points
    }

    /// The exact sum of every check's points: full marks.
    public var maximum: Rational { entries.map(\.points).sum() }
}
