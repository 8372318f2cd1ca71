// The limit on concurrent QEMU runs: at most `capacity` at once, waiters in arrival order, and a
// cancelled waiter takes no slot.

import PokdocKit
import Synchronization
import Testing

@Suite("QEMU slots")
struct QEMUSlotsTests {
    @Test func noMoreThanCapacityRunAtOnceAndWaitersGoInOrder() async throws {
        let slots = QEMUSlots(capacity: 2)
        try await slots.acquire()
        try await slots.acquire()
        #expect(await slots.running == 2)
        let order = Arrivals()
        let third = Task { try await slots.acquire(); order.arrive("third") }
        while await slots.queued < 1 { await Task.yield() }
        let fourth = Task { try await slots.acquire(); order.arrive("fourth") }
        while await slots.queued < 2 { await Task.yield() }
        #expect(order.names.isEmpty, "both must wait while two runs hold the slots")
        await slots.release()
        try await third.value
        #expect(order.names == ["third"], "one release admits exactly the longest waiter")
        await slots.release()
        try await fourth.value
        #expect(order.names == ["third", "fourth"])
        #expect(await slots.running == 2)
        #expect(await slots.queued == 0)
    }

    @Test func aCancelledWaiterTakesNoSlot() async throws {
        let slots = QEMUSlots(capacity: 1)
        try await slots.acquire()
        let waiter = Task { try await slots.acquire() }
        while await slots.queued < 1 { await Task.yield() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(await slots.queued == 0)
        await slots.release()
        #expect(await slots.running == 0, "the cancelled waiter must not have been handed the slot")
    }

    @Test func withSlotGivesTheSlotBackWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let slots = QEMUSlots(capacity: 1)
        await #expect(throws: Boom.self) { try await slots.withSlot { throw Boom() } }
        #expect(await slots.running == 0)
        #expect(try await slots.withSlot { await slots.running } == 1)
    }
}

/// Names in the order their tasks got a slot.
private final class Arrivals: Sendable {
    private let state = Mutex<[String]>([])
    func arrive(_ name: String) { state.withLock { $0.append(name) } }
    var names: [String] { state.withLock { $0 } }
}
