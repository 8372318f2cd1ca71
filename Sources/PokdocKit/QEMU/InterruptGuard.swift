// QEMU runs in its own process group so that killing it kills everything it started. The
// price: the terminal's Ctrl-C goes to pokdoc's group only, and QEMU would outlive pokdoc.
// InterruptGuard closes that gap. The runner registers each QEMU group while it runs; a CLI
// calls `InterruptGuard.install()` once, and then SIGINT, SIGTERM or SIGHUP kill every
// registered group (SIGKILL) and pokdoc exits (130 for Ctrl-C, 128 + signal otherwise).

import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum InterruptGuard {
    private static let groups = Mutex<Set<pid_t>>([])
    // Dispatch sources stop delivering once released: they are kept for the life of the process.
    private static let sources = Mutex<[any DispatchSourceSignal]>([])

    /// Installs the handlers (once; later calls do nothing). Call from the CLI before running QEMU.
    public static func install(signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]) {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for signalNumber in signals {
                // Ignore the default action so that the dispatch source sees the signal instead.
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    interrupted.withLock { $0 = true }
                    // SIGKILL at once: QEMU keeps nothing worth a clean shutdown, and waiting
                    // would let the interrupted run return and pokdoc exit with its own status.
                    for group in activeProcessGroups { kill(-group, SIGKILL) }
                    exit(signalNumber == SIGINT ? 130 : 128 + signalNumber)
                }
                source.resume()
                sources.append(source)
            }
        }
    }

    /// Set by the handler; from then on the process is exiting.
    private static let interrupted = Mutex(false)

    /// Called by the runner before it returns a result: once the handler has fired, the run
    /// never returns, so the process exits with the handler's status, not with the run's.
    static func parkIfInterrupted() {
        // Blocking is fine here: the handler is about to end the process.
        while interrupted.withLock({ $0 }) { usleep(100_000) }
    }

    /// The QEMU process groups that are running now.
    public static var activeProcessGroups: Set<pid_t> { groups.withLock { $0 } }

    static func register(processGroup: pid_t) {
        _ = groups.withLock { $0.insert(processGroup) }
    }

    static func unregister(processGroup: pid_t) {
        _ = groups.withLock { $0.remove(processGroup) }
    }

    /// Sends SIGTERM to every registered group, waits up to `grace` for them to go, then
    /// sends SIGKILL to the survivors. For a program that shuts down without exiting at once
    /// (the signal handler itself uses SIGKILL and exits).
    public static func killAll(grace: Duration = .milliseconds(300)) {
        let targets = groups.withLock { $0 }
        for group in targets { kill(-group, SIGTERM) }
        let deadline = ContinuousClock.now + grace
        var alive = targets
        while !alive.isEmpty, ContinuousClock.now < deadline {
            usleep(10_000)
            alive = alive.filter { kill(-$0, 0) == 0 }
        }
        for group in alive { kill(-group, SIGKILL) }
    }
}
