// A QEMU run the grader observes from outside: QEMU starts halted with its gdb stub on a private
// Unix socket, a driver talks to the stub on a thread of its own (the GDB client blocks, and must
// never hold one of the few threads Swift's concurrency runs QEMU's supervision on), and the run
// ends — `k`, or cancellation when the driver gave up — before the result is returned.
import Foundation
import PokdocKit
import Synchronization

/// How the driver's session with the stub ended.
public enum DriveEnding: Sendable, Equatable {
    /// The driver did all it meant to.
    case finished
    /// The guest went away (QEMU exited, or closed the stub) while the driver waited: `detail` says for what.
    case guestGone(String)
    /// The CPU did not stop where the driver waited within the bound (a hang).
    case hung(String)
    /// The stub answered something the driver cannot use: a fault of the grader.
    case graderError(String)
}

public struct ObservedRun<Observation: Sendable>: Sendable {
    public var observation: Observation
    public var ending: DriveEnding
    public var run: QEMURunResult
}

enum ObservedRunner {
    /// The bound on the boot, up to the probe's first stop (a call has the grader's own bound).
    static let bootTimeout: Duration = .seconds(60)
    /// How long a guest that is still writing when the driver gives up may go on, to reach the
    /// runner's serial cap.
    static let floodWait: Duration = .seconds(60)

    /// A call's bound: the grader's, or ten times what the boot took, whichever is longer. A call
    /// takes milliseconds; on a machine so loaded that the boot took seconds, calls slow alike,
    /// and a hang must not be declared for what is only a wait for the CPU.
    static func callBound(_ bound: Duration, boot: Duration) -> Duration {
        max(bound, boot * 10)
    }

    /// Boots `image` halted and runs `drive` against its stub. `drive` returns what it saw and how
    /// it ended; a GDBRemoteError it throws is classified (closed: the guest is gone; timeout: a hang).
    static func run<Observation: Sendable>(
        image: URL, options base: QEMURunOptions, stopTimeout: Duration,
        empty: Observation,
        drive: @escaping @Sendable (GDBRemote, inout Observation) throws(GDBRemoteError) -> Void
    ) async throws -> ObservedRun<Observation> {
        var options = base
        options.gdbUnixSocket = true
        let started = Mutex<QEMUStart?>(nil)
        let ended = Mutex(false)
        // When the guest last wrote a line: a guest that writes is not hung, whatever the driver saw.
        let lastLine = Mutex(ContinuousClock.now)
        let runTask = Task {
            defer { ended.withLock { $0 = true } }
            return try await QEMURunner(options: options).run(image: image.path, onStart: { start in started.withLock { $0 = start } },
                                                              onLine: { _ in lastLine.withLock { $0 = .now } })
        }
        // QEMU reports its start as soon as it is spawned, but first the run may wait for a QEMU
        // slot behind other runs, for as long as they take: that wait is not bounded here (a
        // fixed bound once cancelled a grade that was only queued, under load). Once QEMU runs,
        // the runner's own backstop bounds it; a run that ends without starting ends the wait.
        var socket: String?
        while socket == nil, !ended.withLock({ $0 }) {
            if let start = started.withLock({ $0 }) { socket = start.gdbSocket; break }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard let socket else {
            runTask.cancel()
            let run = try await runTask.value
            return ObservedRun(observation: empty, ending: .guestGone("QEMU never reported its gdb socket"), run: run)
        }
        let (observation, ending, killed) = await onOwnThread { () -> (Observation, DriveEnding, Bool) in
            var observation = empty
            let remote: GDBRemote
            do {
                remote = try GDBRemote(path: socket, timeout: .seconds(10), stopTimeout: stopTimeout)
            } catch {
                return (observation, .guestGone("could not attach to QEMU's gdb stub: \(error)"), false)
            }
            defer { remote.close() }
            var ending = DriveEnding.finished
            do throws(GDBRemoteError) {
                try drive(remote, &observation)
            } catch {
                switch error {
                case .closed(let what): ending = .guestGone(what)
                // QEMU went away mid-packet (a triple fault, an exit): the socket breaks.
                case .io(let what): ending = .guestGone(what)
                case .timeout(let what, let after): ending = .hung("the CPU did not stop within \(after) while the grader waited for \(what)")
                default: ending = .graderError(error.description)
                }
            }
            var killed = false
            if case .finished = ending { killed = (try? remote.kill()) != nil }
            return (observation, ending, killed)
        }
        if case .hung = ending {
            // The CPU did not reach the driver's next stop in time, but a guest still writing is
            // busy, not hung: one that floods the serial port is let run until the runner's cap
            // stops it (verdict output-flood, not a timeout, however slow a loaded machine makes
            // the flood). Bounded: quiet for a second, or `floodWait` in all, and it is killed below.
            let deadline = ContinuousClock.now + Self.floodWait
            while !ended.withLock({ $0 }), ContinuousClock.now < deadline,
                  ContinuousClock.now - lastLine.withLock({ $0 }) < .seconds(1) {
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        if case .guestGone = ending {
            // The guest ended on its own (an exit code, a triple fault): let QEMU finish, so its
            // status is the guest's, not our kill's. Bounded: a QEMU that lingers is killed below.
            let deadline = ContinuousClock.now + .seconds(5)
            while !ended.withLock({ $0 }), ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        }
        if !killed, !ended.withLock({ $0 }), let group = started.withLock({ $0 })?.processGroupID {
            // A hung or misbehaving guest: end QEMU (and the sandbox around it) now; the runner
            // still reaps it and returns everything the guest printed.
            kill(-group, SIGKILL)
        }
        let run = try await runTask.value
        return ObservedRun(observation: observation, ending: ending, run: run)
    }
}

/// Runs blocking `body` on a new thread and resumes when it returns.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
