// Blocking work in an async test: waiting for a process that runs for minutes must not hold one of
// Swift concurrency's cooperative threads. There is one per core; on 2 cores two such waits starve
// every other test in the process (the signal tests read pokdoc's output too late to catch QEMU
// alive — CI, 2026-12).
import Foundation

/// Runs `work` on a thread of its own and returns its result to the awaiting task.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
