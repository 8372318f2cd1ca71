import Foundation
import Yams

/// An assignment manifest: which files a student may edit (the grader copies only those).
public struct AssignmentManifest: Codable, Sendable {
    public var assignment: String
    public var chapter: Int
    public var editable: [String]
    /// Instructor-side files the kit leaves out.
    public var instructorOnly: [String]?
    /// The kit's README (relative to the chapter), written in place of the course's.
    public var kitReadme: String?
    /// The kit's GitHub Classroom workflow (relative to the chapter), written to
    /// `StarterKit.classroomWorkflowPath` (docs/grading.md, "On GitHub Classroom").
    public var classroomWorkflow: String?

    public static func load(_ chapter: Chapter) throws -> AssignmentManifest {
        let file = chapter.directory.appendingPathComponent("assignment.yaml")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ChapterError.unreadable(file.path)
        }
        do {
            return try YAMLDecoder().decode(AssignmentManifest.self, from: text)
        } catch {
            throw ChapterError.badFrontMatter(file.path, "\(error)")
        }
    }
}

/// `pokdoc starter`: the course with the assignment's solutions replaced by stubs that compile.
public struct StarterKit: Sendable {
    public let course: Course

    public init(course: Course) { self.course = course }

    /// What goes into a kit: the package, its sources, chapters and tests.
    static let items = ["Package.swift", "README.md", ".gitignore", "Sources", "Chapters", "Tests"]

    /// Where a manifest's `classroomWorkflow` goes in the kit: GitHub runs it on every push.
    public static let classroomWorkflowPath = ".github/workflows/classroom.yml"

    public struct Report: Sendable {
        public var output: URL
        public var strippedFiles: [String]
        public var regions: Int
    }

    /// Writes the kit to `requested`: a new or empty folder outside the course (see
    /// `KitOutputFolder`). If writing fails half-way, what was written is removed again.
    /// `solvedSteps` keeps those steps' solutions: the kit as a student has it once they are written.
    public func write(to requested: URL, solvedSteps: Set<Int> = []) throws -> Report {
        let folder = try KitOutputFolder.prepare(requested, course: course)
        do {
            return try write(into: folder.url, solvedSteps: solvedSteps)
        } catch let error as StarterError {
            folder.removeWhatWasWritten()
            throw error
        } catch let error as ChapterError {
            folder.removeWhatWasWritten()
            throw error
        } catch {
            folder.removeWhatWasWritten()
            throw StarterError.cannotWrite(folder.url.path, reason: KitOutputFolder.plainWords(error))
        }
    }

    private func write(into output: URL, solvedSteps: Set<Int>) throws -> Report {
        let fm = FileManager.default
        let assignments = try course.chapters().compactMap { chapter -> (Chapter, AssignmentManifest)? in
            guard fm.fileExists(atPath: chapter.directory.appendingPathComponent("assignment.yaml").path) else { return nil }
            return (chapter, try AssignmentManifest.load(chapter))
        }
        let excluded = Set(assignments.flatMap { $0.1.instructorOnly ?? [] })
        for item in Self.items where fm.fileExists(atPath: course.root.appendingPathComponent(item).path) {
            try copy(item, to: output, excluding: excluded)
        }
        var stripped: [String] = []
        var regionCount = 0
        for (chapter, manifest) in assignments {
            if let readme = manifest.kitReadme {
                let source = chapter.directory.appendingPathComponent(readme)
                guard fm.fileExists(atPath: source.path) else { throw StarterError.missingEditableFile(source.path) }
                try? fm.removeItem(at: output.appendingPathComponent("README.md"))
                try fm.copyItem(at: source, to: output.appendingPathComponent("README.md"))
            }
            if let workflow = manifest.classroomWorkflow {
                let source = chapter.directory.appendingPathComponent(workflow)
                guard fm.fileExists(atPath: source.path) else { throw StarterError.missingEditableFile(source.path) }
                let target = output.appendingPathComponent(Self.classroomWorkflowPath)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? fm.removeItem(at: target)
                try fm.copyItem(at: source, to: target)
            }
            let (files, regions) = try applySteps(solvedSteps, of: chapter, manifest, to: output)
            stripped += files
            regionCount += regions
        }
        // No solution may survive anywhere in the kit.
        for file in try sourceFiles(under: output) {
            let text = try String(contentsOf: file, encoding: .utf8)
            let markerLine = text.split(separator: "\n").contains {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("// SOLUTION-BEGIN")
            }
            if markerLine {
                throw StarterError.solutionOutsideManifest(file.path.replacingOccurrences(of: output.path + "/", with: ""))
            }
        }
        return Report(output: output, strippedFiles: stripped, regions: regionCount)
    }

    func copy(_ item: String, to output: URL, excluding excluded: Set<String>) throws {
        let fm = FileManager.default
        let source = course.root.appendingPathComponent(item)
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: source.path, isDirectory: &isDirectory)
        if !isDirectory.boolValue {
            if !excluded.contains(item) { try fm.copyItem(at: source, to: output.appendingPathComponent(item)) }
            return
        }
        guard let enumerator = fm.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey]) else { return }
        for case let file as URL in enumerator {
            let relative = item + "/" + file.path.dropFirst(source.path.count + 1)
            if relative.contains("/.build") || excluded.contains(relative) { continue }
            let target = output.appendingPathComponent(relative)
            if (try? file.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                try fm.createDirectory(at: target, withIntermediateDirectories: true)
            } else {
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: file, to: target)
            }
        }
    }

    /// Rewrites the assignment's editable files in a kit at `output` as they stand once the steps
    /// in `solved` are written; a file whose text does not change is not touched, so a build in
    /// the kit stays incremental. Returns the files and the number of solution regions.
    @discardableResult
    public func applySteps(_ solved: Set<Int>, of chapter: Chapter, _ manifest: AssignmentManifest, to output: URL) throws -> ([String], Int) {
        let chapterFile = "Chapters/\(chapter.directory.lastPathComponent)/chapter.md"
        var files: [String] = []
        var regionCount = 0
        for relative in manifest.editable {
            let source = course.root.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: source, encoding: .utf8) else {
                throw StarterError.missingEditableFile(relative)
            }
            regionCount += try SolutionMarkers.regions(in: text, file: relative).count
            let student = try SolutionMarkers.strip(text, file: relative, chapter: manifest.chapter, chapterFile: chapterFile, solved: solved)
            let target = output.appendingPathComponent(relative)
            if (try? String(contentsOf: target, encoding: .utf8)) != student {
                try student.write(to: target, atomically: true, encoding: .utf8)
            }
            files.append(relative)
        }
        return (files, regionCount)
    }

    /// The files solution markers may stand in: Swift, assembly and C.
    func sourceFiles(under root: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { ["swift", "S", "c", "h"].contains($0.pathExtension) }
    }
}

public enum StarterError: Error, CustomStringConvertible, Equatable {
    case outputNotEmpty(String)
    case outputInsideCourse(String, course: String)
    case outputIsFile(String)
    case cannotWrite(String, reason: String)
    case missingEditableFile(String)
    case solutionOutsideManifest(String)

    public var description: String {
        switch self {
        case .outputNotEmpty(let path): "\(path) exists and is not empty; choose a new folder"
        case .outputInsideCourse(let path, let course):
            "\(path) is inside the course (\(course)); the kit is a copy of the course, so it must go outside it: choose a folder such as ~/pok-kit"
        case .outputIsFile(let path): "\(path) is a file, not a folder; choose a new folder for the kit"
        case .cannotWrite(let path, let reason):
            "cannot write the kit to \(path): \(reason); choose a folder you can write in, such as ~/pok-kit"
        case .missingEditableFile(let path): "the manifest lists \(path), which does not exist"
        case .solutionOutsideManifest(let path): "\(path) has solution markers but is not in any assignment manifest"
        }
    }
}
