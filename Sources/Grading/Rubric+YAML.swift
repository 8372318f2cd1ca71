// Reading rubric.yaml with Yams' node API, so every error carries the file and the real line
// (docs/grading.md, "The rubric").
import Foundation
import Yams

extension Rubric {
    /// The top-level keys of a rubric file.
    public static let keys = ["assignment", "version", "checks", "rounding"]

    /// Reads the rubric at `url`. `knownChecks` are the check IDs the grader runs: the rubric must
    /// give each of them points and no others.
    public static func load(from url: URL, knownChecks: Set<String>) throws -> Rubric {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw RubricError(file: url.path, line: 0, fault: .unreadable(error.localizedDescription))
        }
        return try parse(yaml: text, file: url.path, knownChecks: knownChecks)
    }

    /// Reads a rubric from `yaml`; `file` names it in errors.
    public static func parse(yaml: String, file: String, knownChecks: Set<String>) throws(RubricError) -> Rubric {
        func fail(_ line: Int, _ fault: RubricError.Fault) -> RubricError {
            RubricError(file: file, line: line, fault: fault)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw fail(1, .notAMapping(what: "the rubric")) }
            root = node
        } catch let error as RubricError {
            throw error
        } catch {
            throw fail(line(of: error), .yamlSyntax(problem(of: error)))
        }
        guard case let .mapping(top) = root else { throw fail(line(of: root), .notAMapping(what: "the rubric")) }

        var seen: [String: Node] = [:]
        var keyLines: [String: Int] = [:]
        for (key, value) in top {
            let name = key.string ?? ""
            guard keys.contains(name) else { throw fail(line(of: key), .unknownKey(name, allowed: keys)) }
            if let first = keyLines[name] { throw fail(line(of: key), .duplicateKey(name, firstLine: first)) }
            seen[name] = value
            keyLines[name] = line(of: key)
        }
        let topLine = line(of: root)

        guard let assignmentNode = seen["assignment"] else { throw fail(topLine, .missingKey("assignment")) }
        guard case let .scalar(assignment) = assignmentNode, !assignment.string.isEmpty else {
            throw fail(line(of: assignmentNode), .wrongType(key: "assignment", expected: "the assignment's name"))
        }

        guard let versionNode = seen["version"] else { throw fail(topLine, .missingKey("version")) }
        guard let version = versionNode.string.flatMap({ Int($0) }) else {
            throw fail(line(of: versionNode), .wrongType(key: "version", expected: "an integer"))
        }
        guard version == formatVersion else { throw fail(line(of: versionNode), .unsupportedVersion(version)) }

        var rounding = RoundingRule.standard
        if let roundingNode = seen["rounding"] {
            guard case let .mapping(options) = roundingNode else {
                throw fail(line(of: roundingNode), .notAMapping(what: "\"rounding\""))
            }
            for (key, value) in options {
                guard key.string == "places" else {
                    throw fail(line(of: key), .unknownKey(key.string ?? "", allowed: ["places"]))
                }
                let text = value.string ?? ""
                guard let places = Int(text), (0...RoundingRule.maximumPlaces).contains(places) else {
                    throw fail(line(of: value), .badPlaces(text))
                }
                rounding = RoundingRule(places: places)
            }
        }

        guard let checksNode = seen["checks"] else { throw fail(topLine, .missingKey("checks")) }
        guard case let .mapping(checks) = checksNode else {
            throw fail(line(of: checksNode), .notAMapping(what: "\"checks\""))
        }
        var entries: [Entry] = []
        for (key, value) in checks {
            let id = key.string ?? ""
            let keyLine = line(of: key)
            if let first = entries.first(where: { $0.checkID == id }) {
                throw fail(keyLine, .duplicateCheck(id, firstLine: first.line))
            }
            guard knownChecks.contains(id) else {
                throw fail(keyLine, .unknownCheck(id, nearest: NearestName.nearest(to: id, among: knownChecks)))
            }
            guard case let .scalar(scalar) = value else {
                throw fail(line(of: value), .badPoints(check: id, .empty))
            }
            let points: Rational
            do {
                points = try Rational(parsing: scalar.string)
            } catch {
                throw fail(line(of: value), .badPoints(check: id, error))
            }
            guard !points.isNegative else {
                throw fail(line(of: value), .negativePoints(check: id, points: scalar.string))
            }
            entries.append(Entry(checkID: id, points: points, line: line(of: value)))
        }
        let uncovered = knownChecks.subtracting(entries.map(\.checkID)).sorted()
        guard uncovered.isEmpty else { throw fail(keyLines["checks"]!, .uncoveredChecks(uncovered)) }

        return Rubric(assignment: assignment.string, version: version, entries: entries, rounding: rounding)
    }

    private static func line(of node: Node) -> Int { node.mark?.line ?? 0 }

    private static func line(of error: Error) -> Int {
        switch error as? YamlError {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            mark.line
        default:
            0
        }
    }

    private static func problem(of error: Error) -> String {
        switch error as? YamlError {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _), let .composer(context, problem, _, _):
            [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        default:
            String(describing: error)
        }
    }
}
