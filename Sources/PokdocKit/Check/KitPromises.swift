import Foundation

/// What a chapter with an assignment (Chapter 4) promises about its starter kit, checked against
/// the solution markers the kit is cut from: each step it teaches (`### Step N: title (`Suite`)`)
/// is a marked region in a file the student may edit (assignment.yaml), has a test suite of its
/// own, and its stubs announce that step (`UnwrittenStep.report(N, …)`, `pushl $N`,
/// `0xFFFFFF0N`) — so "step N is not written yet" is what a student sees for step N.
/// `Chapter04StarterKit` runs the kit; this rule keeps the chapter and the markers in step.
struct KitPromises {
    let course: Course

    /// A step heading of the chapter: `### Step 4: the gate (`Chapter04Step4Gate`)`.
    static var stepHeading: Regex<(Substring, Substring, Substring, Substring)> { #/^###\s+Step\s+(\d+):\s+(.+?)\s+\(`([A-Za-z0-9_]+)`\)\s*$/# }
    /// The step a stub line announces, in any of the kit's three spellings.
    static var announcement: Regex<(Substring, Substring?, Substring?, Substring?)> { #/report\((\d+)\b|pushl\s+\$(\d+)\b|0x[Ff]{6}0(\d)\b/# }
    /// A stub line that only declares (step 1's placeholder IDs): such a stub cannot print.
    static var declaration: Regex<Substring> { #/^\s*(?:public\s+)?(?:case|let|var)\s/# }

    struct Region {
        var file: String
        var step: Int
        var line: Int
        var stub: [String]
    }

    /// Every marked region under Sources/, with its stub (the ELSE lines, `// ` removed).
    func regions() -> [Region] {
        var found: [Region] = []
        for url in AnchorInventory.files(in: course) where url.path.contains("/Sources/") {
            guard let text = try? String(contentsOf: url, encoding: .utf8), text.contains("SOLUTION-BEGIN step="),
                  let marked = try? SolutionMarkers.regions(in: text, file: url.path) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for region in marked {
                let body = lines[region.begin..<(region.end - 1)]
                let stub = body.drop { $0.trimmingCharacters(in: .whitespaces) != "// SOLUTION-ELSE" }.dropFirst()
                    .map { line -> String in
                        let trimmed = line.trimmingCharacters(in: .whitespaces)
                        return trimmed.hasPrefix("// ") ? String(trimmed.dropFirst(3)) : trimmed
                    }
                found.append(Region(file: course.relativePath(url), step: region.step, line: region.begin, stub: stub))
            }
        }
        return found
    }

    func check(_ chapter: Chapter, file: String) -> [CheckFinding?] {
        guard let manifest = try? AssignmentManifest.load(chapter) else { return [] }
        var results: [CheckFinding?] = []
        var taught: [Int: (line: Int, title: String, suite: String)] = [:]
        var inFence = false
        for (index, line) in chapter.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence, let match = line.wholeMatch(of: Self.stepHeading) {
                taught[Int(match.1) ?? 0] = (chapter.bodyFirstLine + index, String(match.2), String(match.3))
            }
        }
        // This chapter's regions: those in its editable files. A region in a file no assignment
        // lists is reported once, by the first chapter with an assignment (below).
        let manifests = ((try? course.chapters()) ?? []).compactMap { other in (try? AssignmentManifest.load(other)).map { (other.number, $0) } }
        let listed = Set(manifests.flatMap(\.1.editable))
        let first = manifests.map(\.0).min() == chapter.number
        let regions = regions().filter { manifest.editable.contains($0.file) || (first && !listed.contains($0.file)) }
        let suites = Set(CourseCheck.testTypes(in: course.root.appendingPathComponent("Tests")).map { $0.split(separator: ".").last.map(String.init) ?? $0 })
        let editable = Set(manifest.editable)

        for (step, heading) in taught.sorted(by: { $0.key < $1.key }) {
            let mine = regions.filter { $0.step == step }
            results.append(mine.isEmpty
                ? CheckFinding(rule: .kit, file: file, line: heading.line,
                               message: "Chapter \(chapter.number) teaches step \(step) (\(heading.title)), but no SOLUTION-BEGIN step=\(step) region marks it: the kit would hand it out solved")
                : nil)
            results.append(suites.contains(heading.suite) ? nil
                : CheckFinding(rule: .kit, file: file, line: heading.line,
                               message: "step \(step) names its tests `\(heading.suite)`, but no test type under Tests/ has that name"))
            let silent = mine.allSatisfy { region in
                !region.stub.contains { $0.firstMatch(of: Self.announcement) != nil }
            }
            let declarationsOnly = mine.allSatisfy { region in
                region.stub.allSatisfy { $0.isEmpty || $0.hasPrefix("#") || $0.firstMatch(of: Self.declaration) != nil }
            }
            if !mine.isEmpty {
                results.append(silent && !declarationsOnly
                    ? CheckFinding(rule: .kit, file: mine[0].file, line: mine[0].line,
                                   message: "no stub of step \(step) says it is not written yet, as Chapter \(chapter.number) promises (\(file):\(heading.line)); call UnwrittenStep.report(\(step), …)")
                    : nil)
            }
        }
        for region in regions {
            if taught[region.step] == nil {
                results.append(CheckFinding(rule: .kit, file: region.file, line: region.line,
                                            message: "step=\(region.step) is marked, but \(file) teaches no '### Step \(region.step): …' heading"))
            }
            results.append(editable.contains(region.file) ? nil
                : CheckFinding(rule: .kit, file: region.file, line: region.line,
                               message: "step \(region.step)'s region is in a file assignment.yaml does not list as editable: the grader would ignore the student's work"))
            for line in region.stub {
                guard let match = line.firstMatch(of: Self.announcement) else { continue }
                let said = Int(match.1 ?? match.2 ?? match.3 ?? "") ?? 0
                results.append(said == region.step ? nil
                    : CheckFinding(rule: .kit, file: region.file, line: region.line,
                                   message: "the stub of step \(region.step) announces step \(said) (`\(line)`): a student would be sent to the wrong step"))
            }
        }
        return results
    }
}
