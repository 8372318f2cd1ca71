// How many QEMU processes one pokdoc process runs at once. Every run has a wall-clock
// backstop, and a guest under -icount is CPU-bound: twenty QEMUs on two cores each get a tenth
// of a core, and a healthy kernel would read as `timeout`. Runs beyond the limit wait for a slot
// before QEMU starts, so the backstop only ever measures QEMU's own time.

import Foundation

/// A counting semaphore for QEMU runs. Waiting is cancellable (Ctrl-C while queued leaves no QEMU).
public actor QEMUSlots {
    /// The limit every `QEMURunner` in this process shares: one run per core, and at least two.
    public static let shared = QEMUSlots(capacity: max(2, ProcessInfo.processInfo.activeProcessorCount))

    public let capacity: Int
    private var free: Int
    private var waiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextTicket: UInt64 = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a QEMU limit of \(capacity) would never run anything")
        self.capacity = capacity
        self.free = capacity
    }

    /// Runs currently holding a slot.
    public var running: Int { capacity - free }
    /// Runs waiting for a slot.
    public var queued: Int { waiters.count }

    /// Takes a slot, waiting in arrival order. Throws `CancellationError` if the task is
    /// cancelled while it waits; the slot is then not taken.
    public func acquire() async throws {
        try Task.checkCancellation()
        if free > 0 {
            free -= 1
            return
        }
        let ticket = nextTicket
        nextTicket += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append((ticket, continuation))
            }
        } onCancel: {
            Task { await self.abandon(ticket) }
        }
    }

    /// Gives a slot back, to the longest waiter if there is one.
    public func release() {
        if waiters.isEmpty {
            free = min(free + 1, capacity)
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Runs `body` holding a slot, and gives it back however `body` ends.
    public nonisolated func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        do {
            let value = try await body()
            await release()
            return value
        } catch {
            await release()
            throw error
        }
    }

    private func abandon(_ ticket: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
