// How QEMU is spawned (QEMUSpawn.swift): Linux delivers the parent-death signal when the thread
// that forked QEMU ends, so that thread must live as long as pokdoc — Subprocess's one worker
// thread, not a thread of Swift's pool, which may be retired while QEMU runs and would kill it.

import Foundation
import PokdocKit
import Testing

@Suite("QEMU spawn")
struct QEMUSpawnTests {
    /// The IDs of this process's threads whose children include `pid`.
    static func forkingThreads(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.compactMap { tid in
            let children = (try? String(contentsOfFile: "/proc/self/task/\(tid)/children", encoding: .utf8)) ?? ""
            return children.split(separator: " ").contains(Substring(String(pid))) ? Int32(tid) : nil
        }
    }

    /// Starts the `hang` fixture and returns its task and QEMU's PID once QEMU runs.
    static func startHang() async throws -> (Task<QEMURunResult, any Error>, Int32) {
        let image = try await Fixtures.image("hang")
        let recorder = Recorder()
        // Only the test ends this run: a backstop far beyond any wait below.
        var options = QEMURunOptions()
        options.timeout = .seconds(600)
        let runner = try Fixtures.runner(options)
        let task = Task { try await runner.run(image: image, nonce: "0000", onStart: { recorder.started($0) }) }
        // Waiting for QEMU to start (it may queue for a QEMU slot behind the rest of the suite),
        // with a bound; not an assertion on time.
        let deadline = ContinuousClock.now + .seconds(180)
        while recorder.start == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard let qemu = recorder.processGroup else {
            task.cancel()
            throw QEMUNeverStarted()
        }
        return (task, qemu)
    }

    struct QEMUNeverStarted: Error {}

    static func stop(_ task: Task<QEMURunResult, any Error>, _ qemu: Int32) async {
        task.cancel()
        _ = try? await task.value
        await expectGone(qemu)
    }

    @Test func qemuIsForkedBySubprocesssSteadyWorkerThread() async throws {
        // Two runs started one after the other from different tasks, with the pool free to
        // move work between its threads in between.
        let (first, firstQEMU) = try await Self.startHang()
        let firstParents = Self.forkingThreads(of: firstQEMU)
        await Self.stop(first, firstQEMU)
        try await Task.sleep(for: .milliseconds(200))  // not an assertion: lets the pool shuffle threads
        let (second, secondQEMU) = try await Self.startHang()
        let secondParents = Self.forkingThreads(of: secondQEMU)
        await Self.stop(second, secondQEMU)

        #expect(firstParents.count == 1, "QEMU \(firstQEMU) is the child of exactly one of our threads: \(firstParents)")
        #expect(firstParents == secondParents,
                "every QEMU must be forked by the same long-lived thread (Subprocess's worker, QEMUSpawn.swift): \(firstParents) then \(secondParents)")
        let alive = firstParents.allSatisfy { FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") }
        #expect(alive, "the forking thread outlives the runs it spawned")
    }
}
