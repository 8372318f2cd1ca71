// The class-scale acceptance run: 20 mixed mutants graded with `pokdoc grade --jobs 2`,
// interrupted half-way with Ctrl-C, then resumed: every submission ends with exactly one row and
// its reports, rows written before the interrupt are kept as they were, no QEMU is left behind,
// and every score is the corpus's exact one.
import Foundation
import Testing
@testable import Grader
import PokdocKit

@Suite("pokdoc grade — a class, interrupted and resumed", .serialized)
struct BatchAcceptanceTests {
    /// 20 mutants: the corpus without the three that only wait out a bound (a hang, a flood, a shutdown).
    static let mutants = MutantCorpus.all.filter { !["dispatcher-loops", "serial-flood", "triple-fault"].contains($0.name) }.prefix(20)

    @Test("20 mutants, --jobs 2, Ctrl-C half-way, --resume: nothing lost, nothing graded twice")
    func interruptAndResume() async throws {
        #expect(Self.mutants.count == 20, "the corpus must supply 20 mutants for this run")
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("batch-acceptance-\(UUID().uuidString.prefix(6))")
        defer { try? fm.removeItem(at: root) }
        let scratch = root.appendingPathComponent("tmp")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        let manifest = try AssignmentManifest.load(try GraderFixture.course.chapter(HypercallGrader.chapter))
        var paths: [String] = []
        for mutant in Self.mutants {
            let folder = root.appendingPathComponent("class").appendingPathComponent(mutant.name)
            try mutant.write(to: folder, reference: GraderFixture.course, editable: manifest.editable)
            paths.append(folder.path)
        }
        let output = root.appendingPathComponent("grades")
        let arguments = paths + ["--jobs", "2", "--output", output.path, "--format", "json", "--format", "text", "--seed", "11"]
        let gradebook = output.appendingPathComponent("gradebook.csv")

        // 1. Start, wait for a few rows (bounded), interrupt. The watching is done on a thread of
        // its own: a task sleeping on Swift's cooperative pool can wake late when the suite's other
        // tests keep the pool busy, and then find the batch already finished (seen once under load).
        let out = Pipe(), err = Pipe()
        let first = try GradeCommand.start(arguments, temporary: scratch, out: out, err: err)
        let watcher = InterruptAfterRows(process: first, gradebook: gradebook, rows: 6, bound: .seconds(900))
        while !watcher.finished { try await Task.sleep(for: .milliseconds(100)) }
        try #require(watcher.interrupted, "the batch ended before it could be interrupted: \(String(decoding: err.fileHandleForReading.availableData, as: UTF8.self))")
        let stopBy = ContinuousClock.now + .seconds(60)
        while first.isRunning, ContinuousClock.now < stopBy { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!first.isRunning, "Ctrl-C must end the batch within 60 s")
        if first.isRunning { first.terminate() }
        #expect(await Self.noProcess(using: scratch), "a QEMU or compiler of the interrupted batch is still running")
        let before = try String(contentsOf: gradebook, encoding: .utf8)
        let interrupted = Self.rows(gradebook)
        #expect(interrupted.count >= 6 && interrupted.count < 20, "interrupted after \(interrupted.count) rows")
        #expect(Set(interrupted.map(\.name)).count == interrupted.count, "a submission has two rows: \(interrupted.map(\.name))")

        // 2. Resume to the end.
        let resumed = try await GradeCommand.run(arguments + ["--resume"], temporary: scratch)
        #expect(resumed.status == 0, "the resumed batch must finish: \(resumed.stderr)")
        let after = try String(contentsOf: gradebook, encoding: .utf8)
        #expect(after.hasPrefix(before), "the rows written before the interrupt must stay as they were")
        let rows = Self.rows(gradebook)
        #expect(rows.map(\.name).sorted() == Self.mutants.map(\.name).sorted(), "each submission exactly once: \(rows.map(\.name))")
        #expect(resumed.stderr.contains("grading \(20 - interrupted.count) of 20"), "resume grades only what is missing: \(resumed.stderr)")
        for row in rows {
            let expected = try #require(MutantExpectation.all.first { $0.mutant == row.name })
            #expect(row.exactScore == expected.score, "\(row.name): the gradebook's exact score \(row.exactScore), the corpus's \(expected.score)")
            for suffix in [".json", ".txt"] {
                #expect(fm.fileExists(atPath: output.appendingPathComponent(row.name + suffix).path), "\(row.name)\(suffix) report missing")
            }
        }
    }

    /// (submission, score_exact) of each data row.
    static func rows(_ gradebook: URL) -> [(name: String, exactScore: String)] {
        guard let text = try? String(contentsOf: gradebook, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
              let exact = header.firstIndex(of: "score_exact") else { return [] }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], exact < cells.count ? cells[exact] : "")
        }
    }

    /// Polls (bounded) until no process's command line mentions `folder`.
    static func noProcess(using folder: URL) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
            let busy = pids.contains { pid in
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                return String(decoding: data, as: UTF8.self).contains(folder.path)
            }
            if !busy { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// Sends Ctrl-C (SIGINT) to `process` as soon as `gradebook` has `rows` rows, watching on a thread
/// of its own every 50 ms, for at most `bound`. `finished` once it interrupted, the process ended,
/// or the bound passed; `interrupted` if it sent the signal to a running process.
final class InterruptAfterRows: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var sent = false
    var finished: Bool { lock.withLock { done } }
    var interrupted: Bool { lock.withLock { sent } }

    init(process: Process, gradebook: URL, rows: Int, bound: Duration) {
        let deadline = ContinuousClock.now + bound
        Thread.detachNewThread { [self] in
            while process.isRunning, BatchAcceptanceTests.rows(gradebook).count < rows, ContinuousClock.now < deadline {
                usleep(50_000)
            }
            let running = process.isRunning
            if running { process.interrupt() }
            lock.withLock { sent = running; done = true }
        }
    }
}
