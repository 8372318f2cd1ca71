import Foundation

/// `pokdoc check`: every include resolves, every anchor is shown and holds whole blocks, no
/// listing is pasted, every link and every test the front matter names exists, and (with
/// `transcripts`) every transcript a chapter shows is what a fresh QEMU run prints.
public struct CourseCheck: Sendable {
    public let course: Course
    /// Where the transcript runs reuse built stages from (tests check a copy of the course).
    public var reference: Course?
    public var options: QEMURunOptions

    public init(course: Course, reference: Course? = nil, options: QEMURunOptions = QEMURunOptions()) {
        self.course = course
        self.reference = reference
        self.options = options
    }

    /// Checks the chapters numbered `only` (all when nil); the anchor rules look at every chapter.
    public func run(transcripts: Bool, only: Set<Int>? = nil) async throws -> CheckReport {
        var report = CheckReport()
        let chapters: [Chapter]
        do {
            chapters = try course.chapters()
        } catch let error as ChapterError {
            // A chapter that does not load (bad front matter, a program or board that does not
            // exist) stops every other rule: it is the one finding.
            report.record(finding(for: error))
            return report
        }
        let inventory = AnchorInventory(course: course)
        let sources = sourceLines()
        let publication = try course.publication()
        let resolver = IncludeResolver()
        var shown = Set<String>()  // "file#anchor" of every include that resolves

        for chapter in chapters {
            let file = course.relativePath(chapter.markdownFile)
            let includes = resolver.includes(in: chapter.body, firstLine: chapter.bodyFirstLine)
            for include in includes {
                do {
                    _ = try resolver.contents(path: include.path, anchor: include.anchor, relativeTo: chapter.directory,
                                              file: file, line: include.line)
                    let target = course.relativePath(chapter.directory.appendingPathComponent(include.path))
                    shown.insert(target + "#" + (include.anchor ?? ""))
                    if only?.contains(chapter.number) ?? true { report.record(nil) }
                } catch let unresolved as IncludeResolver.Unresolved {
                    report.record(CheckFinding(rule: .include, file: file, line: include.line, message: unresolved.reason))
                }
            }
            guard only?.contains(chapter.number) ?? true else { continue }
            let markdown = MarkdownText(chapter.body, firstLine: chapter.bodyFirstLine)
            for fence in markdown.fences {
                report.record(pasted(fence, file: file, sources: sources))
            }
            for finding in links(markdown, in: chapter.directory, file: file) { report.record(finding) }
            report.record(testsExist(chapter, file: file))
            report.record(renderedLink(chapter, publication: publication, file: file))
            for finding in KitPromises(course: course).check(chapter, file: file) { report.record(finding) }
            for scenario in chapter.scenarios where scenario.transcript == true {
                report.record(transcriptRecorded(scenario, of: chapter, file: file))
            }
            if transcripts {
                for finding in await transcriptRuns(chapter, includes: includes, file: file) { report.record(finding) }
            }
        }
        for document in documents() {
            let text = (try? String(contentsOf: document, encoding: .utf8)) ?? ""
            for finding in links(MarkdownText(text), in: document.deletingLastPathComponent(), file: course.relativePath(document)) {
                report.record(finding)
            }
        }
        for anchor in inventory.anchors {
            if shown.contains(anchor.file + "#" + anchor.name) {
                report.record(nil)
            } else {
                report.record(CheckFinding(rule: .anchorUnused, file: anchor.file, line: anchor.line,
                                           message: "anchor '\(anchor.name)' is shown by no chapter: include it, or remove its markers"))
            }
            report.record(balanced(anchor))
        }
        return report
    }

    /// The course's Markdown besides the chapters: README.md and docs/.
    func documents() -> [URL] {
        var found = [course.root.appendingPathComponent("README.md")]
        let docs = course.root.appendingPathComponent("docs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
        found += names.filter { $0.hasSuffix(".md") }.sorted().map { docs.appendingPathComponent($0) }
        return found.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// A chapter that does not load, as a finding at its file and line.
    func finding(for error: ChapterError) -> CheckFinding {
        switch error {
        case .frontMatter(let path, let line, let message):
            return CheckFinding(rule: .frontMatter, file: course.relativePath(URL(fileURLWithPath: path)), line: line, message: message)
        case .badFrontMatter(let path, let message):
            return CheckFinding(rule: .frontMatter, file: course.relativePath(URL(fileURLWithPath: path)), line: 1, message: message)
        default:
            return CheckFinding(rule: .frontMatter, file: "Chapters", line: 1, message: error.description)
        }
    }

    // MARK: the link to the rendered page

    /// The chapter's first non-blank line is SitePublication.chapterLine (when the course publishes).
    func renderedLink(_ chapter: Chapter, publication: SitePublication?, file: String) -> CheckFinding? {
        guard let publication else { return nil }
        let folder = chapter.directory.lastPathComponent
        let lines = chapter.body.split(separator: "\n", omittingEmptySubsequences: false)
        let index = lines.firstIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0
        let expected = publication.chapterLine(folder: folder)
        guard index >= lines.count || lines[index] != expected else { return nil }
        return CheckFinding(rule: .renderedLink, file: file, line: chapter.bodyFirstLine + index,
                            message: "a chapter begins with the link to its rendered page (\(course.relativePath(course.siteFile))): \(expected)")
    }

    // MARK: anchors

    func balanced(_ anchor: AnchorInventory.Anchor) -> CheckFinding? {
        guard ["swift", "c", "h"].contains(URL(fileURLWithPath: anchor.file).pathExtension),
              let text = try? String(contentsOf: course.root.appendingPathComponent(anchor.file), encoding: .utf8),
              let region = IncludeResolver.region(named: anchor.name, in: text) else { return nil }
        let (opened, closed) = AnchorInventory.braces(in: region)
        guard opened != closed else { return nil }
        return CheckFinding(rule: .anchorBraces, file: anchor.file, line: anchor.line,
                            message: "anchor '\(anchor.name)' cuts a block: its region opens \(opened) '{' and closes \(closed) '}'")
    }

    // MARK: pasted listings

    /// Lines worth comparing: trimmed, at least 12 characters, not only punctuation.
    static func significant(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 12, trimmed.contains(where: { $0.isLetter }) else { return nil }
        return trimmed
    }

    /// Each source file's significant lines with their line numbers, read once per run.
    func sourceLines() -> [(file: String, lines: [(line: Int, text: String)])] {
        AnchorInventory.files(in: course).compactMap { url in
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .compactMap { index, line in Self.significant(String(line)).map { (index + 1, $0) } }
            return (course.relativePath(url), lines)
        }
    }

    /// A fenced listing whose three consecutive significant lines stand, consecutive, in a source file.
    func pasted(_ fence: MarkdownText.Fence, file: String, sources: [(file: String, lines: [(line: Int, text: String)])]) -> CheckFinding? {
        let lines = fence.body.compactMap { Self.significant($0.text) }
        guard lines.count >= 3, !fence.body.contains(where: { $0.text.contains("{{#include") }) else { return nil }
        for source in sources where source.lines.count >= 3 {
            let texts = source.lines.map(\.text)
            for start in 0...(lines.count - 3) {
                let window = Array(lines[start..<(start + 3)])
                for position in 0...(texts.count - 3) where Array(texts[position..<(position + 3)]) == window {
                    return CheckFinding(rule: .pastedCode, file: file, line: fence.line,
                                        message: "this listing repeats \(source.file):\(source.lines[position].line); include it by anchor ({{#include …:name}}) so it cannot drift")
                }
            }
        }
        return nil
    }

    // MARK: links

    func links(_ markdown: MarkdownText, in directory: URL, file: String) -> [CheckFinding?] {
        markdown.links.compactMap { link -> CheckFinding?? in
            let target = link.target
            if target.contains("://") || target.hasPrefix("mailto:") { return nil }  // no network: not checked
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let path = parts[0], fragment = parts.count > 1 ? parts[1] : nil
            let url = path.isEmpty ? course.root.appendingPathComponent(file) : directory.appendingPathComponent(path).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.path) else {
                return .some(CheckFinding(rule: .link, file: file, line: link.line, message: "link to \(target): there is no \(course.relativePath(url))"))
            }
            if let fragment, !fragment.isEmpty, url.pathExtension == "md" {
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                let slugs = MarkdownText.slugs(of: MarkdownText(text).headings)
                if !slugs.contains(fragment.lowercased()) {
                    let nearest = NearestName.nearest(to: fragment, among: Array(slugs)).map { "; did you mean #\($0)?" } ?? ""
                    return .some(CheckFinding(rule: .link, file: file, line: link.line,
                                              message: "link to \(target): \(course.relativePath(url)) has no heading #\(fragment)\(nearest)"))
                }
            }
            return .some(nil)
        }
    }

    // MARK: front matter

    /// The chapter's test filter matches some test type under Tests/ (as `Target.Type`).
    func testsExist(_ chapter: Chapter, file: String) -> CheckFinding? {
        let line = chapter.keyLines["tests"] ?? chapter.keyLines["number"] ?? 1
        guard let regex = try? Regex(chapter.testFilter) else { return nil }  // validated on load
        let identifiers = Self.testTypes(in: course.root.appendingPathComponent("Tests"))
        if identifiers.contains(where: { $0.firstMatch(of: regex) != nil }) { return nil }
        return CheckFinding(rule: .frontMatter, file: file, line: line,
                            message: "tests '\(chapter.testFilter)' matches no test under Tests/: `pokdoc test \(chapter.number)` would run none")
    }

    /// `Target.Type` for every type declared in a Swift file of Tests/ that holds `@Test`.
    static func testTypes(in tests: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil) else { return [] }
        let declaration = #/(?:struct|class|enum|extension)\s+([A-Za-z_][A-Za-z0-9_]*)/#
        var identifiers: [String] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            guard let text = try? String(contentsOf: url, encoding: .utf8), text.contains("@Test") else { continue }
            let target = url.deletingLastPathComponent().lastPathComponent
            identifiers += text.matches(of: declaration).map { "\(target).\($0.1)" }
        }
        return identifiers
    }

    func transcriptFile(_ scenario: Scenario, of chapter: Chapter) -> URL {
        scenario.transcriptFile.map { chapter.directory.appendingPathComponent($0).standardizedFileURL }
            ?? chapter.transcriptsDirectory.appendingPathComponent("\(scenario.name).txt")
    }

    func transcriptRecorded(_ scenario: Scenario, of chapter: Chapter, file: String) -> CheckFinding? {
        let url = transcriptFile(scenario, of: chapter)
        if FileManager.default.fileExists(atPath: url.path) { return nil }
        let index = chapter.scenarios.firstIndex { $0.name == scenario.name } ?? 0
        return CheckFinding(rule: .frontMatter, file: file, line: chapter.keyLines["scenarios"].map { $0 + 1 + index } ?? 1,
                            message: "scenario '\(scenario.name)' records a transcript, but \(course.relativePath(url)) does not exist: record it with `pokdoc run \(chapter.number) --scenario \(scenario.name) --record`")
    }

    // MARK: transcripts

    /// Runs every scenario that records a transcript; a difference is reported where the chapter
    /// shows the transcript (or at the front matter when it shows none).
    func transcriptRuns(_ chapter: Chapter, includes: [IncludeResolver.Include], file: String) async -> [CheckFinding?] {
        let runner = ScenarioRunner(course: course, options: options, reference: reference)
        var findings: [CheckFinding?] = []
        for scenario in chapter.scenarios where scenario.transcript == true {
            let transcript = course.relativePath(transcriptFile(scenario, of: chapter))
            guard FileManager.default.fileExists(atPath: course.root.appendingPathComponent(transcript).path) else { continue }
            let outcome = await runner.run(scenario, of: chapter)
            if outcome.passed {
                findings.append(nil)
                continue
            }
            let shownAt = includes.first { course.relativePath(chapter.directory.appendingPathComponent($0.path)) == transcript }?.line
            let problem = outcome.problems.first ?? "the run failed"
            findings.append(CheckFinding(rule: .transcript, file: file, line: shownAt ?? chapter.keyLines["scenarios"] ?? 1,
                                         message: "\(transcript), shown here, is not what scenario '\(scenario.name)' prints now: \(problem)"))
        }
        return findings
    }
}
