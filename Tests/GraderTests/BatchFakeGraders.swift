// Fake SubmissionGraders for the batch tests: deterministic results made from the submission's
// name, a log of every call, and graders that are slow, fail, or wait to be cancelled.
import Foundation
import Grader
import Grading

enum BatchFixture {
    static let rubricYAML = """
        assignment: hypercall-gate
        version: 1
        checks:
          hypercall.gate.descriptor: "1/3"
          hypercall.registers.preserved: 2
          hypercall.id.unknown: 0.25
        """
    /// The rubric's order, which is not the alphabetical one.
    static let checkIDs = ["hypercall.gate.descriptor", "hypercall.registers.preserved", "hypercall.id.unknown"]
    static let rubric = try! Rubric.parse(yaml: rubricYAML, file: "rubric.yaml", knownChecks: Set(checkIDs))

    /// The canned result for a submission named `name`: names starting "full" pass every check,
    /// "broken" ones make the grader fail, any other passes the first check only (score 1/3).
    static func result(for name: String) -> GradeResult {
        let full = name.hasPrefix("full")
        if name.hasPrefix("broken") {
            return GradeResult(
                submission: name, graderVersion: "test", seed: 7, verdict: .fail, duration: .zero, checks: [],
                rounding: rubric.rounding, graderFailure: "QEMU could not start:\nno such file"
            )
        }
        let checks = rubric.entries.enumerated().map { index, entry in
            CheckResult(id: entry.checkID, title: "check \(entry.checkID)", status: full || index == 0 ? .passed : .failed,
                        pointsPossible: entry.points)
        }
        return GradeResult(
            submission: name, graderVersion: "test", seed: UInt64(name.utf8.count), verdict: full ? .pass : .fail,
            duration: .milliseconds(1_500), checks: checks, rounding: rubric.rounding
        )
    }

    /// Submissions named `names`, in a fresh folder, in turn a folder, a .zip and a .tar.gz (empty:
    /// a fake grader never opens them).
    static func submissions(_ names: [String]) -> [URL] {
        let folder = temporaryFolder().appendingPathComponent("submissions")
        return names.enumerated().map { index, name in
            let suffix = ["", ".zip", ".tar.gz"][index % 3]
            let url = folder.appendingPathComponent(name + suffix)
            if suffix.isEmpty {
                try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: url.path, contents: Data())
            }
            return url
        }
    }

    static func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func gradebookRows(_ folder: URL) throws -> [[String]] {
        let text = try String(contentsOf: folder.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// Every call a fake grader received, and how many ran at once.
actor GraderLog {
    private(set) var calls: [String] = []
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0

    func begin(_ name: String) {
        calls.append(name)
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
    }

    func end() { inFlight -= 1 }
}

/// Returns BatchFixture.result at once, logging the call.
struct CannedGrader: SubmissionGrader {
    let log = GraderLog()

    func grade(_ submission: URL) async -> GradeResult {
        let name = SubmissionName.of(submission)!
        await log.begin(name)
        await log.end()
        return BatchFixture.result(for: name)
    }
}

/// Holds each grade until `jobs` grades are in flight at once or every submission has begun
/// (polling, bounded), so a batch that respects its bound always reaches exactly `jobs`, and one
/// that starts more shows them.
struct CrowdGrader: SubmissionGrader {
    let log = GraderLog()
    let jobs: Int
    let total: Int

    func grade(_ submission: URL) async -> GradeResult {
        let name = SubmissionName.of(submission)!
        await log.begin(name)
        for _ in 0..<1_000 {
            let (inFlight, begun) = (await log.inFlight, await log.calls.count)
            if inFlight >= jobs || begun == total { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        // Stay in flight a moment longer, so grades a batch started beyond its bound are seen
        // (a batch within its bound passes however long this is).
        try? await Task.sleep(for: .milliseconds(20))
        await log.end()
        return BatchFixture.result(for: name)
    }
}

/// Grades the first `quick` submissions at once; every later one waits until its task is
/// cancelled (polling, bounded at 10 s) and then answers with a grader failure, as a grader
/// interrupted half-way might.
struct StallingGrader: SubmissionGrader {
    let log = GraderLog()
    let quick: Int

    func grade(_ submission: URL) async -> GradeResult {
        let name = SubmissionName.of(submission)!
        await log.begin(name)
        let index = await log.calls.count
        if index <= quick {
            await log.end()
            return BatchFixture.result(for: name)
        }
        for _ in 0..<2_000 where !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(5))
        }
        await log.end()
        return GradeResult(
            submission: name, graderVersion: "test", seed: 0, verdict: .timeout, duration: .zero, checks: [],
            rounding: BatchFixture.rubric.rounding, graderFailure: "interrupted"
        )
    }
}
