// The class gradebook, `gradebook.csv` in a batch's output folder (docs/grading.md, "The
// gradebook"): a header, then one row per submission, in the order they finished. Each new row
// is stored by writing the whole new file to a temporary file in the same folder and renaming it
// over the old one, so the file on disk always holds whole rows: a batch killed at any instant
// leaves the rows it had, never half of one.
import CSV
import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class Gradebook {
    static let fileName = "gradebook.csv"
    /// Where a new version is written before the rename; hidden, and never a report's name.
    static let temporaryName = ".gradebook.csv.partial"

    let url: URL
    let checkIDs: [String]
    private(set) var rows: [GradebookRow] = []
    /// Writes a file's bytes; tests replace it to fail half-way.
    var writeFile: (Data, URL) throws -> Void = Gradebook.writeAndSync

    var header: [String] { GradebookRow.fixedColumns + checkIDs }

    init(folder: URL, checkIDs: [String]) {
        url = folder.appendingPathComponent(Self.fileName)
        self.checkIDs = checkIDs
    }

    var path: String { url.path }

    /// The submissions that already have a row.
    var gradedNames: Set<String> { Set(rows.map(\.submission)) }

    /// Reads the rows already in the file, if it exists; checks the header is this rubric's and
    /// that no submission has two rows.
    func load() throws(BatchError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .gradebookMalformed(path, line: 0, problem: "cannot read it as UTF-8 text (\(error.localizedDescription))")
        }
        rows = try Self.parse(text, path: path, header: header, checkIDs: checkIDs)
    }

    /// The rows of a gradebook's text. Every row the batch writes is one line (GradebookRow.cells),
    /// so a row's index is its line.
    static func parse(_ text: String, path: String, header: [String], checkIDs: [String]) throws(BatchError) -> [GradebookRow] {
        let reader: CSVReader
        do { reader = try CSVReader(string: text) } catch {
            throw .gradebookMalformed(path, line: 1, problem: "not CSV (\(error))")
        }
        guard let found = reader.next() else { return [] }
        guard found == header else { throw .gradebookColumnsDiffer(path, expected: header, found: found) }
        var rows: [GradebookRow] = []
        var firstLine: [String: Int] = [:]
        var line = 1
        while let cells = reader.next() {
            line += 1
            if cells == [""] { continue }  // a blank line
            guard cells.count == header.count else {
                throw .gradebookMalformed(path, line: line, problem: "\(cells.count) cells where the header has \(header.count)")
            }
            let row = GradebookRow(cells: cells, checkIDs: checkIDs)
            if let first = firstLine[row.submission] {
                throw .gradebookDuplicateRow(path, name: row.submission, line: line, firstLine: first)
            }
            firstLine[row.submission] = line
            rows.append(row)
        }
        return rows
    }

    /// Stores `row` after the others: the whole file anew, atomically. On failure the file on
    /// disk and `rows` are as they were.
    func append(_ row: GradebookRow) throws(BatchError) {
        let text = try Self.render(header: header, rows: rows + [row], checkIDs: checkIDs)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(Self.temporaryName)
        do {
            try writeFile(Data(text.utf8), temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWriteGradebook(path, reason: BatchGrader.plainReason(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWriteGradebook(path, reason: reason)
        }
        rows.append(row)
    }

    /// The file's text: the header and each row, one line each, every line ending in "\n".
    static func render(header: [String], rows: [GradebookRow], checkIDs: [String]) throws(BatchError) -> String {
        do {
            return try ([header] + rows.map { $0.cells(checkIDs: checkIDs) }).map(csvLine).joined()
        } catch {
            throw .cannotWriteGradebook(fileName, reason: "the CSV writer failed (\(error))")
        }
    }

    /// One CSV line, quoted where a cell needs it, by CSV.swift's writer.
    static func csvLine(_ cells: [String]) throws -> String {
        let writer = try CSVWriter(stream: OutputStream(toMemory: ()))
        try writer.write(row: cells)
        writer.stream.close()
        guard let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw BatchError.cannotWriteGradebook(fileName, reason: "the CSV writer kept no text")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes `data` to `url` (created or truncated) and flushes it to the disk, so the rename
    /// that follows never publishes a file whose bytes are still in memory only.
    static func writeAndSync(_ data: Data, _ url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BatchError.cannotWriteGradebook(url.path, reason: String(cString: strerror(errno)))
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.write(contentsOf: data)
        try handle.synchronize()
    }
}
