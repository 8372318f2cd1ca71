import Foundation
import Yams

/// The YAML front matter of a `chapter.md`, parsed with the line of every key, so that each error
/// about it names the file and the line a student sees in an editor (the YAML starts on line 2,
/// after the opening `---`).
///
/// Reading happens in three checks, each an error naming file and line: the YAML must parse; every
/// key must be one the chapter format knows (a misspelled `expcet:` would otherwise be ignored
/// and its check silently dropped); the values must have the right types.
struct FrontMatterSource {
    let file: String
    let yaml: String
    /// The Markdown after the closing `---`.
    let body: String
    /// The line of the file that holds the YAML's first line.
    let firstLine: Int
    /// The line of the file that holds the body's first line.
    let bodyFirstLine: Int
    /// The parsed YAML; an empty front matter is an empty mapping.
    let root: Node

    init(text: String, file: String) throws {
        self.file = file
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isFence(_ line: Substring) -> Bool { line.trimmingCharacters(in: .whitespacesAndNewlines) == "---" }
        guard let first = lines.first, isFence(first) else {
            throw ChapterError.frontMatter(file, line: 1, "the file must start with a YAML front matter block between two '---' lines")
        }
        guard let end = lines.dropFirst().firstIndex(where: isFence) else {
            throw ChapterError.frontMatter(file, line: 1, "the front matter opened by '---' on line 1 is never closed by a second '---' line")
        }
        yaml = lines[1..<end].joined(separator: "\n")
        body = lines[(end + 1)...].joined(separator: "\n")
        firstLine = 2
        bodyFirstLine = end + 2
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file, firstLine: firstLine)
        }
        root = composed ?? .mapping([:])
    }

    /// The file's line for a position in the YAML.
    func fileLine(_ mark: Mark?) -> Int { (mark?.line ?? 1) + firstLine - 1 }

    func error(at path: [any CodingKey], _ why: String) -> ChapterError {
        .frontMatter(file, line: line(at: path), why)
    }

    // MARK: Syntax

    static func syntaxError(_ error: YamlError, file: String, firstLine: Int) -> ChapterError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) that began on line \($0.mark.line + firstLine - 1))" } ?? ""
            // Running off the end (an unclosed quote or bracket) is best shown where it began.
            let at = problem.contains("end of stream") ? (context?.mark ?? mark) : mark
            return .frontMatter(file, line: at.line + firstLine - 1,
                                "this is not valid YAML: \(problem)\(during); check the indentation and that each line is 'key: value' or '- item'")
        case .reader(let problem, _, _, _):
            return .frontMatter(file, line: firstLine, "the front matter cannot be read as text: \(problem)")
        default:
            return .frontMatter(file, line: firstLine, "the front matter is not valid YAML: \(error)")
        }
    }

    // MARK: Keys

    /// The keys a mapping may hold, and for keys whose value is a list of mappings, their keys.
    struct Schema {
        var what: String
        var keys: [String]
        var listsOf: [String: Schema] = [:]
    }

    /// Throws for the first key `schema` does not know, or a key given twice.
    func checkKeys(_ schema: Schema) throws {
        try checkKeys(root, schema, path: [])
    }

    private func checkKeys(_ node: Node, _ schema: Schema, path: [any CodingKey]) throws {
        guard let mapping = node.mapping else { return }  // the type check reports it
        var seen: [String: Int] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let line = fileLine(keyNode.mark)
            if let earlier = seen[key] {
                throw ChapterError.frontMatter(file, line: line, "'\(key)' is given twice in \(describe(path, default: schema.what)) (first on line \(earlier)); keep one")
            }
            seen[key] = line
            guard schema.keys.contains(key) else {
                let nearest = NearestName.nearest(to: key, among: schema.keys).map { "did you mean '\($0)'? " } ?? ""
                throw ChapterError.frontMatter(file, line: line,
                    "unknown key '\(key)' in \(describe(path, default: schema.what)); \(nearest)(valid keys: \(schema.keys.joined(separator: ", ")))")
            }
            if let inner = schema.listsOf[key], let items = value.sequence {
                for (index, item) in items.enumerated() {
                    try checkKeys(item, inner, path: path + [FrontMatterKey(key), FrontMatterKey(index)])
                }
            }
        }
    }

    // MARK: Values

    /// Decodes the front matter; a value of the wrong type or a missing key is an error at its line.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try YAMLDecoder().decode(type, from: yaml.isEmpty ? "{}" : yaml)
        } catch let error as DecodingError {
            throw located(error)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file, firstLine: firstLine)
        }
    }

    private func located(_ error: DecodingError) -> ChapterError {
        switch error {
        case .keyNotFound(let key, let context):
            return self.error(at: context.codingPath, "\(describe(context.codingPath, default: "the front matter")) has no '\(key.stringValue):', which it needs")
        case .typeMismatch(let expected, let context):
            let found = node(at: context.codingPath).map(Self.show) ?? "nothing"
            return self.error(at: context.codingPath, "\(subject(context.codingPath)) must be \(Self.words(for: expected)), not \(found)")
        case .valueNotFound(let expected, let context):
            return self.error(at: context.codingPath, "\(subject(context.codingPath)) is empty; it must be \(Self.words(for: expected))")
        case .dataCorrupted(let context):
            let found = node(at: context.codingPath).map(Self.show) ?? "nothing"
            var why = "\(subject(context.codingPath)) cannot be \(found)"
            if ["bsp", "bsps"].contains(context.codingPath.last(where: { $0.intValue == nil })?.stringValue) {
                why += "; a BSP is one of \(BoardSupportPackage.allCases.map(\.rawValue).joined(separator: ", "))"
            } else {
                why += ": \(context.debugDescription)"
            }
            return self.error(at: context.codingPath, why)
        @unknown default:
            return .frontMatter(file, line: firstLine, "\(error)")
        }
    }

    // MARK: Paths and lines

    /// The line of each top-level key.
    var keyLines: [String: Int] {
        var lines: [String: Int] = [:]
        for (key, _) in root.mapping ?? [:] { if let name = key.string { lines[name] = fileLine(key.mark) } }
        return lines
    }

    /// The node a coding path leads to, if it exists.
    func node(at path: [any CodingKey]) -> Node? {
        var node = root
        for key in path {
            if let index = key.intValue, let items = node.sequence {
                guard index < items.count else { return nil }
                node = items[index]
            } else if let mapping = node.mapping, let value = mapping[key.stringValue] {
                node = value
            } else {
                return nil
            }
        }
        return node
    }

    /// The line of the deepest node on `path` that exists (for a missing key, its mapping's line).
    func line(at path: [any CodingKey]) -> Int {
        for length in stride(from: path.count, through: 0, by: -1) {
            if let node = node(at: Array(path.prefix(length))), let mark = node.mark {
                // A key's value is reported at the key's own line: a list that starts on the next
                // line would otherwise point below the key.
                if length > 0, path[length - 1].intValue == nil,
                   let parent = self.node(at: Array(path.prefix(length - 1)))?.mapping,
                   let keyNode = parent.first(where: { $0.key.string == path[length - 1].stringValue })?.key {
                    return fileLine(keyNode.mark)
                }
                return fileLine(mark)
            }
        }
        return firstLine
    }

    /// "scenario 'hello'", "the front matter", …: where a path points, in words.
    func describe(_ path: [any CodingKey], default what: String) -> String {
        if path.count >= 2, path[0].stringValue == "scenarios", let index = path[1].intValue {
            let name = node(at: Array(path.prefix(2)))?.mapping?["name"]?.string
            return name.map { "scenario '\($0)'" } ?? "scenario \(index + 1)"
        }
        return what
    }

    /// "'summary' in scenario 'hello'", "'needs[2]'": what a path points at, for an error about
    /// its value (list positions counted from 1).
    func subject(_ path: [any CodingKey]) -> String {
        let inScenario = path.count >= 2 && path[0].stringValue == "scenarios" && path[1].intValue != nil
        var parts: [String] = []
        for key in path.dropFirst(inScenario ? 2 : 0) {
            if let position = key.intValue, let last = parts.popLast() {
                parts.append("\(last)[\(position + 1)]")
            } else {
                parts.append(key.stringValue)
            }
        }
        let name = parts.isEmpty ? "" : "'\(parts.joined(separator: "."))'"
        guard inScenario else { return parts.isEmpty ? "the front matter" : name }
        let scenario = describe(path, default: "a scenario")
        return parts.isEmpty ? scenario : "\(name) in \(scenario)"
    }

    static func show(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .sequence: "a list"
        case .mapping: "a set of 'key: value' lines"
        }
    }

    static func words(for type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a whole number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default:
            switch "\(type)" {
            case let name where name.hasPrefix("Array") || name.hasSuffix("Sequence"): "a list"
            case let name where name.hasPrefix("Dictionary") || name.hasSuffix("Mapping"): "a set of 'key: value' lines"
            case let name where name.hasSuffix("Scalar"): "a single value (text or a number)"
            case let name: "a \(name)"
            }
        }
    }
}

/// A coding-path element for the paths the key check builds.
struct FrontMatterKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init(_ index: Int) { stringValue = "\(index)"; intValue = index }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(intValue) }
}
