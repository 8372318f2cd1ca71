// What can be wrong with a rubric file; each error names the file and the real line.

/// A rubric that cannot be used, with the file and the 1-based line of the fault.
public struct RubricError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Fault: Equatable, Sendable {
        case unreadable(String)
        case yamlSyntax(String)
        case notAMapping(what: String)
        case unknownKey(String, allowed: [String])
        case duplicateKey(String, firstLine: Int)
        case missingKey(String)
        case wrongType(key: String, expected: String)
        case unsupportedVersion(Int)
        case duplicateCheck(String, firstLine: Int)
        case badPoints(check: String, RationalParseError)
        case negativePoints(check: String, points: String)
        case unknownCheck(String, nearest: String?)
        case uncoveredChecks([String])
        case badPlaces(String)
    }

    public let file: String
    public let line: Int
    public let fault: Fault

    public init(file: String, line: Int, fault: Fault) {
        self.file = file
        self.line = line
        self.fault = fault
    }

    public var description: String {
        "\(file):\(line): \(message)"
    }

    var message: String {
        switch fault {
        case let .unreadable(reason):
            "cannot read the rubric: \(reason)"
        case let .yamlSyntax(detail):
            "not valid YAML: \(detail)"
        case let .notAMapping(what):
            "\(what) must be a mapping (key: value lines)"
        case let .unknownKey(key, allowed):
            "unknown key \"\(key)\"; a rubric has \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))"
        case let .duplicateKey(key, firstLine):
            "key \"\(key)\" appears twice (first at line \(firstLine))"
        case let .missingKey(key):
            "missing key \"\(key)\""
        case let .wrongType(key, expected):
            "\"\(key)\" must be \(expected)"
        case let .unsupportedVersion(version):
            "rubric version \(version) is not supported; this grader reads version \(Rubric.formatVersion)"
        case let .duplicateCheck(id, firstLine):
            "check \"\(id)\" is listed twice (first at line \(firstLine))"
        case let .badPoints(check, error):
            "points of \"\(check)\": \(error)"
        case let .negativePoints(check, points):
            "points of \"\(check)\" are negative (\(points)); points are 0 or more"
        case let .unknownCheck(id, nearest):
            "unknown check \"\(id)\"" + (nearest.map { "; did you mean \"\($0)\"?" } ?? "")
        case let .uncoveredChecks(ids):
            "no points for \(ids.map { "\"\($0)\"" }.joined(separator: ", ")); give every check points (0 for an ungraded one)"
        case let .badPlaces(text):
            "rounding places \"\(text)\" must be an integer 0…\(RoundingRule.maximumPlaces)"
        }
    }
}
