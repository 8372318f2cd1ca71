/// One thing `pokdoc check` found wrong, at a file (relative to the course root) and its real line.
public struct CheckFinding: Sendable, Equatable, CustomStringConvertible {
    public var rule: CheckRule
    public var file: String
    public var line: Int
    public var message: String

    public init(rule: CheckRule, file: String, line: Int, message: String) {
        self.rule = rule
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): [\(rule.rawValue)] \(message)" }
}
