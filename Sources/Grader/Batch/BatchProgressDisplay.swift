// How the CLI shows a batch's BatchEvents: on a terminal, a status line redrawn in place above
// which each finished submission is printed; elsewhere (a log, CI) one plain line per finished
// submission, nothing redrawn.
import Foundation

public struct BatchProgressDisplay: Sendable {
    public let isTerminal: Bool
    private var running: [String] = []
    private var done = 0
    private var total = 0

    public init(isTerminal: Bool) { self.isTerminal = isTerminal }

    /// The text to write (to standard error) for `event`; may be empty.
    public mutating func text(for event: BatchEvent) -> String {
        var out = ""
        switch event {
        case let .planned(total, alreadyGraded, jobs):
            self.total = total
            done = alreadyGraded
            let skipped = alreadyGraded == 0 ? "" : ", \(alreadyGraded) already in the gradebook"
            out = "grading \(total - alreadyGraded) of \(total) submissions, \(jobs) at a time\(skipped)\n"
        case let .started(name):
            running.append(name)
        case let .finished(done, total, row):
            self.done = done
            self.total = total
            running.removeAll { $0 == row.submission }
            out = Self.line(done: done, total: total, row: row) + "\n"
        }
        guard isTerminal else { return out }
        // Clear the status line, print what is new above it, redraw it.
        let status = running.isEmpty ? "" : "[\(done)/\(total)] grading \(running.joined(separator: ", "))"
        return "\r\u{1B}[2K" + out + status
    }

    /// A progress callback for BatchGrader.run that renders each event and hands the text to
    /// `write` (the CLI: standard error), one event at a time.
    public static func reporter(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) -> @Sendable (BatchEvent) -> Void {
        let state = Locked(BatchProgressDisplay(isTerminal: isTerminal))
        return { event in
            let text = state.withLock { $0.text(for: event) }
            if !text.isEmpty { write(text) }
        }
    }

    /// The line for one finished submission: "[3/20] alice: pass, 9.50 of 10.00".
    public static func line(done: Int, total: Int, row: GradebookRow) -> String {
        let what = row.isGraderFailure
            ? "\(row.verdict) (\(visible(row.error)))"
            : "\(row.verdict), \(row.score) of \(row.maximum)"
        return "[\(done)/\(total)] \(visible(row.submission)): \(what)"
    }

    /// Control characters shown as \u{…}, so a name or a message cannot drive the terminal.
    static func visible(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }
            .joined()
    }
}

/// A value behind a lock, for a callback called from more than one task.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
