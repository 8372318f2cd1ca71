// A task executor with one thread of its own that never goes away (unless a test stops it).
// QEMU is spawned under its preference so that the thread that forks QEMU lives as long as
// pokdoc: Linux ties a parent-death signal to the forking *thread*, and the threads of Swift's
// global pool are retired when idle (see QEMUSpawn.swift).

import Dispatch
import Foundation
import Synchronization

public final class DedicatedThreadExecutor: TaskExecutor, Sendable {
    /// The thread every QEMU of this process is spawned from. Never stopped.
    public static let qemuSpawner = DedicatedThreadExecutor(name: "pokdoc-qemu-spawner")

    private let state = Mutex<(jobs: [UnownedJob], stopping: Bool)>(([], false))
    /// Signalled once per job and once for `stop()`.
    private let wakeUp = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)

    public init(name: String) {
        // The thread holds the executor: it lives until `stop()` even if nobody else does.
        let thread = Thread { [self] in self.serve() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        state.withLock { $0.jobs.append(job) }
        wakeUp.signal()
    }

    /// Ends the thread once the jobs already queued have run, and waits for it to exit. For
    /// tests that need the spawning thread to die; jobs enqueued later never run.
    public func stop() {
        state.withLock { $0.stopping = true }
        wakeUp.signal()
        exited.wait()
    }

    private func serve() {
        while true {
            wakeUp.wait()
            let job: UnownedJob? = state.withLock { $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }
            if let job {
                job.runSynchronously(on: asUnownedTaskExecutor())
            } else if state.withLock({ $0.stopping }) {
                break
            }
        }
        exited.signal()
    }
}
