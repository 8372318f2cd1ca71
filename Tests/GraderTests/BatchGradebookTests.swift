// The gradebook file: stored whole, by CSV.swift, atomically (docs/grading.md, "The gradebook").
import Foundation
@testable import Grader
import Grading
import Testing

@Suite("Batch gradebook")
struct BatchGradebookTests {
    let ids = BatchFixture.checkIDs

    func row(_ name: String, error: String = "") -> GradebookRow {
        GradebookRow(submission: name, verdict: "pass", score: "1.00", maximum: "2.58", scoreExact: "1", maximumExact: "31/12",
                     seed: "9", error: error, checks: [ids[0]: "0.33"])
    }

    @Test("a write that fails half-way leaves the gradebook with every earlier row and no half row")
    func atomicAppend() throws {
        let folder = BatchFixture.temporaryFolder()
        let book = Gradebook(folder: folder, checkIDs: ids)
        try book.append(row("a"))
        try book.append(row("b"))
        let before = try String(contentsOf: book.url, encoding: .utf8)
        // A crash in the middle of the write: half the bytes reach the disk, then nothing.
        book.writeFile = { data, url in
            try data.prefix(data.count / 2).write(to: url)
            throw CocoaError(.fileWriteOutOfSpace)
        }
        #expect(throws: BatchError.self, "the failed write is reported") { try book.append(row("c")) }
        #expect(try String(contentsOf: book.url, encoding: .utf8) == before,
                "the gradebook is replaced by rename only once the new file is whole")
        #expect(book.rows.map(\.submission) == ["a", "b"], "the row that was not stored is not counted")
        let reread = Gradebook(folder: folder, checkIDs: ids)
        try reread.load()
        #expect(reread.rows == [row("a"), row("b")])
    }

    @Test("cells with commas, quotes and line breaks survive the round trip, each row on one line")
    func quoting() throws {
        let folder = BatchFixture.temporaryFolder()
        let name = "o'neil, \"jr\""
        let messy = GradebookRow(name: name, result: GradeResult(
            submission: name, graderVersion: "t", seed: 1, verdict: .fail, duration: .zero, checks: [],
            rounding: BatchFixture.rubric.rounding, graderFailure: "line one,\r\nline \"two\""), rubric: BatchFixture.rubric)
        let book = Gradebook(folder: folder, checkIDs: ids)
        try book.append(messy)
        try book.append(row("plain"))
        let text = try String(contentsOf: book.url, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 3, "header and one line per row: \(text)")
        #expect(text.contains("\"o'neil, \"\"jr\"\"\""), "a cell with a comma or a quote is quoted, quotes doubled (RFC 4180)")
        let reread = Gradebook(folder: folder, checkIDs: ids)
        try reread.load()
        #expect(reread.rows.first?.submission == name)
        #expect(reread.rows.first?.error == "line one, line \"two\"", "a line break in a cell becomes a space")
        #expect(reread.rows == book.rows)
    }

    @Test("a stale temporary file from a killed batch is neither content nor a row")
    func staleTemporary() async throws {
        let output = BatchFixture.temporaryFolder()
        try "half,a,r".write(to: output.appendingPathComponent(".gradebook.csv.partial"), atomically: true, encoding: .utf8)
        let batch = BatchGrader(grader: CannedGrader(), rubric: BatchFixture.rubric, output: output, formats: [], jobs: 1, resume: false)
        let summary = try await batch.run(BatchFixture.submissions(["a"]))
        #expect(summary.rows.map(\.submission) == ["a"])
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(".gradebook.csv.partial").path))
    }
}
