import Foundation
import Yams

/// One chapter folder: `chapter.md` (YAML front matter + prose), its partition programs, its
/// transcripts. The front matter says how its kernel is built, the POK way: a BSP and `needs`.
public struct Chapter: Sendable {
    public let directory: URL
    public let frontMatter: FrontMatter
    /// The Markdown after the front matter.
    public let body: String

    public var number: Int { frontMatter.number }
    public var title: String { frontMatter.title }
    public var markdownFile: URL { directory.appendingPathComponent("chapter.md") }
    public var transcriptsDirectory: URL { directory.appendingPathComponent("transcripts") }

    public struct FrontMatter: Codable, Sendable {
        public var number: Int
        public var title: String
        /// The BSP the chapter's kernel uses by default.
        public var bsp: BoardSupportPackage
        /// Every BSP the chapter may be built for (default: just `bsp`).
        public var bsps: [BoardSupportPackage]?
        /// POK_NEEDS_* features beyond what the BSP implies.
        public var needs: [String]?
        /// The partition program `pokdoc run` boots (path relative to the chapter).
        public var program: String?
        /// Tick budget for `pokdoc run`.
        public var ticks: Int?
        /// The Swift Testing filter that selects the chapter's tests (e.g. "Chapter01").
        public var tests: String?
        /// The QEMU scenarios the chapter's tests run.
        public var scenarios: [Scenario]?
    }

    public var allowedBSPs: [BoardSupportPackage] { frontMatter.bsps ?? [frontMatter.bsp] }
    public var needs: [String] { frontMatter.needs ?? [] }
    public var scenarios: [Scenario] { frontMatter.scenarios ?? [] }
    /// The tick budget a run of this chapter's kernel gets unless told otherwise.
    public var tickBudget: Int { frontMatter.ticks ?? 200 }
    public var testFilter: String { frontMatter.tests ?? String(format: "Chapter%02d", number) }

    public static func load(from directory: URL) throws -> Chapter {
        let file = directory.appendingPathComponent("chapter.md")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ChapterError.unreadable(file.path)
        }
        let (yaml, body) = try splitFrontMatter(text, file: file.path)
        let frontMatter: FrontMatter
        do {
            frontMatter = try YAMLDecoder().decode(FrontMatter.self, from: yaml)
        } catch {
            throw ChapterError.badFrontMatter(file.path, describe(error))
        }
        let chapter = Chapter(directory: directory, frontMatter: frontMatter, body: body)
        try chapter.validate()
        return chapter
    }

    static func splitFrontMatter(_ text: String, file: String) throws -> (String, String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw ChapterError.badFrontMatter(file, "the file must start with a YAML front matter block between two '---' lines")
        }
        return (lines[1..<end].joined(separator: "\n"), lines[(end + 1)...].joined(separator: "\n"))
    }

    func validate() throws {
        guard allowedBSPs.contains(frontMatter.bsp) else {
            throw ChapterError.badFrontMatter(markdownFile.path, "bsp \(frontMatter.bsp.rawValue) is not in bsps \(allowedBSPs.map(\.rawValue))")
        }
        var names = Set<String>()
        for scenario in scenarios {
            guard names.insert(scenario.name).inserted else {
                throw ChapterError.badFrontMatter(markdownFile.path, "scenario '\(scenario.name)' is declared twice")
            }
            for program in [scenario.program ?? frontMatter.program].compactMap({ $0 })
            where !FileManager.default.fileExists(atPath: directory.appendingPathComponent(program).path) {
                throw ChapterError.badFrontMatter(markdownFile.path, "scenario '\(scenario.name)' names program \(program), which does not exist")
            }
            for pattern in (scenario.expect ?? []) + (scenario.reject ?? []) {
                do { _ = try Regex(pattern) } catch {
                    throw ChapterError.badFrontMatter(markdownFile.path, "scenario '\(scenario.name)': bad pattern \(pattern): \(error)")
                }
            }
        }
    }

    public func programURL(_ relative: String) -> URL { directory.appendingPathComponent(relative) }

    public func scenario(named name: String) throws -> Scenario {
        guard let scenario = scenarios.first(where: { $0.name == name }) else {
            throw ChapterError.noSuchScenario(name, chapter: number, available: scenarios.map(\.name))
        }
        return scenario
    }
}

private func describe(_ error: Error) -> String {
    if let decoding = error as? DecodingError {
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .dataCorrupted(let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) at '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        @unknown default:
            return "\(decoding)"
        }
    }
    return "\(error)"
}

public enum ChapterError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case badFrontMatter(String, String)
    case noSuchChapter(Int, available: [Int])
    case noSuchScenario(String, chapter: Int, available: [String])
    case bspNotAllowed(BoardSupportPackage, chapter: Int, allowed: [BoardSupportPackage])
    case noProgram(Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .badFrontMatter(let path, let why): "\(path): front matter: \(why)"
        case .noSuchChapter(let n, let available): "no chapter \(n); chapters: \(available.map(String.init).joined(separator: ", "))"
        case .noSuchScenario(let name, let chapter, let available):
            "chapter \(chapter) has no scenario '\(name)'; it has: \(available.joined(separator: ", "))"
        case .noProgram(let chapter):
            "chapter \(chapter) has no kernel of its own (its front matter names no partition program); try chapter \(chapter + 1)"
        case .bspNotAllowed(let bsp, let chapter, let allowed):
            "chapter \(chapter) cannot be built for \(bsp.rawValue); it allows \(allowed.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
