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
    public var tickBudget: Int { frontMatter.ticks ?? TickBudget.standard }
    public var testFilter: String { frontMatter.tests ?? String(format: "Chapter%02d", number) }
    /// The line of chapter.md that holds the body's first line (for errors about the prose).
    public internal(set) var bodyFirstLine: Int = 1
    /// The line of chapter.md of each top-level front-matter key (for errors about its value).
    public internal(set) var keyLines: [String: Int] = [:]

    /// Reads and checks `chapter.md`. Every error names the file and the line of the problem:
    /// bad YAML, an unknown key (with the nearest valid one), a value of the wrong type, a program
    /// that does not exist, a scenario that checks nothing.
    public static func load(from directory: URL) throws -> Chapter {
        let file = directory.appendingPathComponent("chapter.md")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ChapterError.unreadable(file.path)
        }
        let source = try FrontMatterSource(text: text, file: file.path)
        try source.checkKeys(FrontMatter.schema)
        let frontMatter = try source.decode(FrontMatter.self)
        var chapter = Chapter(directory: directory, frontMatter: frontMatter, body: source.body)
        chapter.bodyFirstLine = source.bodyFirstLine
        chapter.keyLines = source.keyLines
        try chapter.validate(source)
        return chapter
    }

    func validate(_ source: FrontMatterSource) throws {
        typealias Key = FrontMatterKey
        guard allowedBSPs.contains(frontMatter.bsp) else {
            throw source.error(at: [Key("bsp")], "bsp \(frontMatter.bsp.rawValue) is not in bsps \(allowedBSPs.map(\.rawValue))")
        }
        if let program = frontMatter.program, !programExists(program) {
            throw source.error(at: [Key("program")], "program \(program) does not exist (looked for \(programURL(program).standardizedFileURL.path))")
        }
        if let ticks = frontMatter.ticks, !TickBudget.allowed.contains(ticks) {
            throw source.error(at: [Key("ticks")], "ticks \(ticks) is out of range; a tick budget is \(TickBudget.allowedInWords)")
        }
        if let filter = frontMatter.tests {
            do { _ = try Regex(filter) } catch {
                throw source.error(at: [Key("tests")], "tests '\(filter)' is not a valid test filter (a regular expression): \(error)")
            }
        }
        var names: [String: Int] = [:]
        for (index, scenario) in scenarios.enumerated() {
            let at = [Key("scenarios"), Key(index)]
            if let first = names[scenario.name] {
                throw source.error(at: at, "scenario '\(scenario.name)' is declared twice (first on line \(first)); give each scenario its own name")
            }
            names[scenario.name] = source.line(at: at)
            if let program = scenario.program ?? frontMatter.program, !programExists(program) {
                throw source.error(at: scenario.program == nil ? [Key("program")] : at + [Key("program")],
                                   "scenario '\(scenario.name)' names program \(program), which does not exist")
            }
            if scenario.program == nil, frontMatter.program == nil {
                throw source.error(at: at, "scenario '\(scenario.name)' has no program to boot: give it 'program:' (or the chapter one)")
            }
            if let ticks = scenario.ticks, !TickBudget.allowed.contains(ticks) {
                throw source.error(at: at + [Key("ticks")], "scenario '\(scenario.name)': ticks \(ticks) is out of range; a tick budget is \(TickBudget.allowedInWords)")
            }
            if let verdict = scenario.verdict, Verdict(rawValue: verdict) == nil {
                let nearest = NearestName.nearest(to: verdict, among: Verdict.allCases.map(\.rawValue)) ?? ""
                throw source.error(at: at + [Key("verdict")], "scenario '\(scenario.name)': '\(verdict)' is not a verdict; did you mean '\(nearest)'? (verdicts: \(Verdict.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            for (field, patterns) in [("expect", scenario.expect), ("reject", scenario.reject)] {
                for (position, pattern) in (patterns ?? []).enumerated() {
                    do { _ = try Regex(pattern) } catch {
                        throw source.error(at: at + [Key(field), Key(position)], "scenario '\(scenario.name)': bad pattern \(pattern): \(error)")
                    }
                }
            }
            guard scenario.hasExpectation else {
                throw source.error(at: at, "scenario '\(scenario.name)' checks nothing: \(Scenario.expectationRule)")
            }
        }
    }

    func programExists(_ relative: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: programURL(relative).path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    public func programURL(_ relative: String) -> URL { directory.appendingPathComponent(relative) }

    public func scenario(named name: String) throws -> Scenario {
        guard let scenario = scenarios.first(where: { $0.name == name }) else {
            throw ChapterError.noSuchScenario(name, chapter: number, available: scenarios.map(\.name))
        }
        return scenario
    }
}

public enum ChapterError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case badFrontMatter(String, String)
    /// A problem at a line of a chapter's file.
    case frontMatter(String, line: Int, String)
    /// An entry of Chapters/ named like a chapter (a leading digit) without a chapter.md.
    case notAChapter(String)
    /// Two chapter folders claim the same number.
    case duplicateNumber(Int, first: String, second: String)
    case noSuchChapter(Int, available: [Int])
    case noSuchScenario(String, chapter: Int, available: [String])
    case bspNotAllowed(BoardSupportPackage, chapter: Int, allowed: [BoardSupportPackage])
    case noProgram(Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path)"
        case .badFrontMatter(let path, let why): "\(path): front matter: \(why)"
        case .frontMatter(let path, let line, let why): "\(path):\(line): \(why)"
        case .notAChapter(let folder):
            "\(folder) is named like a chapter (it starts with a digit) but has no chapter.md; add one, or move it out of Chapters/"
        case .duplicateNumber(let number, let first, let second):
            "two chapter folders say 'number: \(number)': \(first) and \(second); give each chapter its own number"
        case .noSuchChapter(let n, let available): "no chapter \(n); chapters: \(available.map(String.init).joined(separator: ", "))"
        case .noSuchScenario(let name, let chapter, let available):
            "chapter \(chapter) has no scenario '\(name)'; it has: \(available.joined(separator: ", "))"
        case .noProgram(let chapter):
            "chapter \(chapter) has no kernel of its own (its front matter names no partition program); "
                + (chapter == 0 ? "try chapter 1" : "its tests run with `pokdoc test \(chapter)`; a chapter with a kernel is e.g. `pokdoc run 1`")
        case .bspNotAllowed(let bsp, let chapter, let allowed):
            "chapter \(chapter) cannot be built for \(bsp.rawValue); it allows \(allowed.map(\.rawValue).joined(separator: ", "))"
        }
    }
}

extension Chapter.FrontMatter {
    /// Every key the front matter may hold: the stored properties, which are the coding keys
    /// (derived, so a new field is a valid key the moment it exists).
    static var keys: [String] {
        Mirror(reflecting: Self(number: 0, title: "", bsp: .x86Qemu)).children.compactMap(\.label)
            .filter { CodingKeys(stringValue: $0) != nil }
    }

    static var schema: FrontMatterSource.Schema {
        .init(what: "the front matter", keys: keys, listsOf: ["scenarios": .init(what: "a scenario", keys: Scenario.keys)])
    }
}
