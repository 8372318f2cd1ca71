import Foundation

/// Solution markers in the reference sources. The student kit keeps the ELSE part (uncommented),
/// or nothing, where the reference keeps the solution:
///
///     // SOLUTION-BEGIN step=3 title="The gate"
///     …reference code…
///     // SOLUTION-ELSE
///     // return PokReturn.unavailable.rawValue
///     // SOLUTION-END
public enum SolutionMarkers {
    public struct Region: Sendable, Equatable {
        public var step: Int
        public var title: String
        /// 1-based lines of the BEGIN and END markers.
        public var begin: Int
        public var end: Int
    }

    public struct MalformedMarkers: Error, CustomStringConvertible, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var reason: String
        public var description: String { "\(file):\(line): \(reason)" }
    }

    static var beginPattern: Regex<(Substring, Substring, Substring, Substring)> { #/^(\s*)// SOLUTION-BEGIN step=(\d+) title="([^"]*)"\s*$/#  }

    /// The regions of a file, checked for balance.
    public static func regions(in text: String, file: String) throws -> [Region] {
        var regions: [Region] = []
        var open: (line: Int, step: Int, title: String, sawElse: Bool)?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let match = line.wholeMatch(of: beginPattern) {
                if let open { throw MalformedMarkers(file: file, line: number, reason: "SOLUTION-BEGIN inside the region opened at line \(open.line)") }
                open = (number, Int(match.2) ?? 0, String(match.3), false)
            } else if trimmed.hasPrefix("// SOLUTION-BEGIN") {
                throw MalformedMarkers(file: file, line: number, reason: "SOLUTION-BEGIN needs step=N title=\"…\"")
            } else if trimmed == "// SOLUTION-ELSE" {
                guard open != nil, open?.sawElse == false else {
                    throw MalformedMarkers(file: file, line: number, reason: "SOLUTION-ELSE outside a region or twice in one")
                }
                open?.sawElse = true
            } else if trimmed == "// SOLUTION-END" {
                guard let region = open else { throw MalformedMarkers(file: file, line: number, reason: "SOLUTION-END without SOLUTION-BEGIN") }
                regions.append(Region(step: region.step, title: region.title, begin: region.line, end: number))
                open = nil
            }
        }
        if let open { throw MalformedMarkers(file: file, line: open.line, reason: "SOLUTION-BEGIN is never closed") }
        return regions
    }

    /// The student's version of a file: each region becomes a TODO naming its step, followed by
    /// the ELSE lines with their `// ` removed. Regions of the steps in `solved` keep their
    /// solution instead (the markers go): the kit as it stands once those steps are written.
    public static func strip(_ text: String, file: String, chapter: Int, chapterFile: String, solved: Set<Int> = []) throws -> String {
        _ = try regions(in: text, file: file)
        var output: [String] = []
        var inRegion = false
        var inElse = false
        var keepSolution = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let match = line.wholeMatch(of: beginPattern) {
                inRegion = true
                inElse = false
                keepSolution = solved.contains(Int(match.2) ?? 0)
                if !keepSolution {
                    output.append("\(match.1)// TODO(Chapter \(chapter), step \(match.2): \(match.3)): write this part — see \(chapterFile), \"Step \(match.2)\".")
                }
            } else if inRegion, trimmed == "// SOLUTION-ELSE" {
                inElse = true
            } else if inRegion, trimmed == "// SOLUTION-END" {
                inRegion = false
            } else if inRegion {
                if keepSolution {
                    if !inElse { output.append(String(line)) }
                } else if inElse {
                    let indent = line.prefix(while: { $0 == " " })
                    var body = line.dropFirst(indent.count)
                    if body.hasPrefix("// ") { body = body.dropFirst(3) } else if body.hasPrefix("//") { body = body.dropFirst(2) }
                    output.append(String(indent) + body)
                }
            } else {
                output.append(String(line))
            }
        }
        return output.joined(separator: "\n")
    }
}
