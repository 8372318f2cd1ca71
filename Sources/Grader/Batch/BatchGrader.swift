// `pokdoc grade DIR… --jobs N --output DIR [--resume]`: a class's submissions graded `jobs` at a
// time by one SubmissionGrader, each one's reports and gradebook row written as it finishes
// (docs/grading.md, "Grading a class locally", "The gradebook").
import Foundation
import Grading

public struct BatchGrader: Sendable {
    public let grader: any SubmissionGrader
    /// Gives the gradebook its check columns (in the rubric's order) and the maximum.
    public let rubric: Rubric
    /// The folder for the reports and `gradebook.csv`.
    public let output: URL
    /// One report file per submission per format.
    public let formats: [ReportFormat]
    public let jobs: Int
    /// Continue the gradebook in `output`: submissions with a row there are not graded again.
    public let resume: Bool

    public init(grader: any SubmissionGrader, rubric: Rubric, output: URL, formats: [ReportFormat], jobs: Int, resume: Bool) {
        self.grader = grader
        self.rubric = rubric
        self.output = output
        self.formats = formats
        self.jobs = jobs
        self.resume = resume
    }

    /// The gradebook's path in `output`.
    public var gradebookURL: URL { output.appendingPathComponent(Gradebook.fileName) }

    /// The report file of `name` in `format`.
    public func reportURL(for name: String, _ format: ReportFormat) -> URL {
        output.appendingPathComponent(SubmissionName.fileStem(name) + format.fileSuffix)
    }

    /// Grades `submissions`. Everything that could stop the batch is checked first (names,
    /// folder, gradebook); after that only an unwritable report or gradebook stops it. A
    /// submission the grader fails on gets a row saying so, and the batch goes on. Cancelled, it
    /// starts nothing new, keeps every row already written and throws CancellationError; a run
    /// with `resume` then grades only what is missing.
    public func run(_ submissions: [URL], progress: @escaping @Sendable (BatchEvent) -> Void = { _ in }) async throws -> BatchSummary {
        guard jobs >= 1 else { throw BatchError.badJobs(jobs) }
        guard !submissions.isEmpty else { throw BatchError.noSubmissions }
        let named = try Self.names(of: submissions)
        try BatchOutputFolder.prepare(output, resume: resume)
        let lock = try BatchLock(folder: output)
        defer { lock.release() }
        let gradebook = Gradebook(folder: output, checkIDs: rubric.entries.map(\.checkID))
        if resume { try gradebook.load() }

        let done = gradebook.gradedNames
        let skipped = named.filter { done.contains($0.name) }.map(\.name)
        let pending = named.filter { !done.contains($0.name) }
        progress(.planned(total: named.count, alreadyGraded: skipped.count, jobs: jobs))

        var graded: [String] = []
        try await withThrowingTaskGroup(of: (String, GradeResult).self) { group in
            var next = pending.makeIterator()
            func startNext() -> Bool {
                guard !Task.isCancelled, let (name, url) = next.next() else { return false }
                progress(.started(name: name))
                group.addTask { [grader] in (name, await grader.grade(url)) }
                return true
            }
            for _ in 0..<jobs {
                guard startNext() else { break }
            }
            while let (name, result) = try await group.next() {
                // A result that arrives after cancellation may be the cancellation's own doing:
                // it is not recorded, and a resumed batch grades that submission again.
                if Task.isCancelled { continue }
                let row = GradebookRow(name: name, result: result, rubric: rubric)
                try writeReports(result, name: name)
                try gradebook.append(row)
                graded.append(name)
                progress(.finished(done: skipped.count + graded.count, total: named.count, row: row))
                _ = startNext()
            }
        }
        try Task.checkCancellation()
        return BatchSummary(rows: gradebook.rows, graded: graded, skipped: skipped, gradebook: gradebook.path)
    }

    /// The submissions with their names, in the order given; two with one name, a missing one, or
    /// a file that is no folder or archive, are errors.
    static func names(of submissions: [URL]) throws(BatchError) -> [(name: String, url: URL)] {
        var named: [(name: String, url: URL)] = []
        var firstPath: [String: String] = [:]
        for url in submissions {
            guard let name = SubmissionName.of(url) else { throw .submissionHasNoName(url.path) }
            if let first = firstPath[name] { throw .duplicateSubmission(name: name, paths: [first, url.path]) }
            firstPath[name] = url.path
            named.append((name, url))
        }
        for (_, url) in named {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .submissionMissing(url.path) }
            let archive = SubmissionName.archiveSuffixes.contains { url.lastPathComponent.lowercased().hasSuffix($0) }
            guard isDirectory.boolValue || archive else { throw .notASubmission(url.path) }
        }
        return named
    }

    /// Each requested report of `result`, each file written whole (atomically) before the row.
    func writeReports(_ result: GradeResult, name: String) throws(BatchError) {
        for format in formats {
            let url = reportURL(for: name, format)
            do {
                try format.render(result).write(to: url, atomically: true, encoding: .utf8)
            } catch {
                throw .cannotWriteReport(url.path, reason: Self.plainReason(error))
            }
        }
    }

    /// The system's own words for a failed write ("No space left on device"), not Foundation's
    /// "The operation could not be completed".
    static func plainReason(_ error: any Error) -> String {
        let nsError = error as NSError
        let posix = (nsError.userInfo[NSUnderlyingErrorKey] as? NSError) ?? nsError
        if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        return nsError.localizedDescription
    }
}
