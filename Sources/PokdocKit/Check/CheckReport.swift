/// What `pokdoc check` found: how many checks held, and each one that did not.
public struct CheckReport: Sendable {
    public var passed = 0
    public var failures: [CheckFinding] = []

    public init() {}

    mutating func record(_ finding: CheckFinding?) {
        if let finding { failures.append(finding) } else { passed += 1 }
    }

    /// The last line `pokdoc check` prints.
    public var summary: String { "\(passed) passed, \(failures.count) failed" }
}
