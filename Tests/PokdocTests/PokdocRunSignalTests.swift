// `pokdoc run` and signals: however pokdoc ends — Ctrl-C, or `kill -KILL`, which it cannot catch
// — the QEMU it started ends with it (docs/ARCHITECTURE.md, "The QEMU protocol").

import Foundation
import Subprocess
import Testing
@testable import PokdocKit

@Suite("pokdoc run and signals")
struct PokdocRunSignalTests {
    /// Tick budgets no other run uses — this test process's own, so two suites running at once on
    /// one machine never take (or kill) each other's QEMU: the marker on QEMU's command line.
    static let ticks = 200_000 + Int(getpid() % 100_000) * 3

    /// Starts `pokdoc run 1` with a tick budget no other run uses (it marks this run's QEMU on
    /// its command line), waits until the kernel is initialized, then sends `signal`.
    /// Returns pokdoc's termination status and whether the kernel got that far.
    static func runAndSignal(ticks: Int, _ signal: Subprocess.Signal) async throws -> (TerminationStatus, Bool) {
        let pokdoc = try #require(ProcessWatch.pokdoc, "the pokdoc executable was not built beside the tests")
        let marker = "ticks=\(ticks)"
        let result = try await Subprocess.run(
            .path(.init(pokdoc.path)),
            // A backstop far beyond the test's wait: a run must still be alive when the test,
            // perhaps scheduled late on a loaded machine, reads "initialized" and signals it.
            arguments: ["run", "1", "--ticks", "\(ticks)", "--timeout", "600", "--course", CourseFixture.root.path],
            input: .none, output: .sequence, error: .discarded
        ) { execution -> Bool in
            var booted = false
            for try await line in execution.standardOutput.strings() where !booted && line.contains("POK kernel initialized") {
                booted = true
                #expect(!ProcessWatch.processes(containing: marker).isEmpty, "QEMU should be running now")
                try execution.send(signal: signal)
            }
            return booted
        }
        return (result.terminationStatus, result.closureResult)
    }

    @Test("SIGINT ends pokdoc run with status 130 and leaves no QEMU behind")
    func interrupt() async throws {
        let ticks = Self.ticks
        let (status, booted) = try await Self.runAndSignal(ticks: ticks, .interrupt)
        #expect(booted, "the kernel never reported it was initialized")
        #expect(status == .exited(130), "pokdoc must exit 130 after Ctrl-C (InterruptGuard), got \(status)")
        let left = await ProcessWatch.untilGone { ProcessWatch.processes(containing: "ticks=\(ticks)") }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "QEMU outlived pokdoc by \(ProcessWatch.bound) (InterruptGuard kills its group): \(left)")
    }

    @Test("kill -KILL of pokdoc run takes QEMU with it (parent-death signal)")
    func sigkill() async throws {
        let ticks = Self.ticks + 1
        let (status, booted) = try await Self.runAndSignal(ticks: ticks, .kill)
        #expect(booted, "the kernel never reported it was initialized")
        #expect(status == .signaled(SIGKILL), "pokdoc was killed, got \(status)")
        let left = await ProcessWatch.untilGone { ProcessWatch.processes(containing: "ticks=\(ticks)") }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "QEMU outlived a SIGKILLed pokdoc by \(ProcessWatch.bound): QEMUSpawn must start it with setpriv --pdeathsig KILL from the spawner thread: \(left)")
    }

    @Test("pokdoc run --gdb says at once, even into a pipe, where gdb attaches (stdout is line-buffered)")
    func gdbLineStreams() async throws {
        let pokdoc = try #require(ProcessWatch.pokdoc, "the pokdoc executable was not built beside the tests")
        let ticks = Self.ticks + 2
        // QEMU waits halted for gdb and prints nothing: the line arrives only if pokdoc flushes it.
        let seen = try await withWallClockLimit(.seconds(180)) {
            try await Subprocess.run(
                .path(.init(pokdoc.path)),
                arguments: ["run", "1", "--gdb", "--ticks", "\(ticks)", "--course", CourseFixture.root.path],
                input: .none, output: .sequence, error: .discarded
            ) { execution -> Bool in
                for try await line in execution.standardOutput.strings() where line.contains("waiting for gdb") {
                    try execution.send(signal: .interrupt)
                    return true
                }
                return false
            }.closureResult
        }
        #expect(seen == true, "within 180 s, `pokdoc run 1 --gdb` piped must print \"QEMU is halted, waiting for gdb\" while it waits (Pokdoc.main makes stdout line-buffered); got \(seen.map(String.init(describing:)) ?? "nothing")")
        let left = await ProcessWatch.untilGone { ProcessWatch.processes(containing: "ticks=\(ticks)") }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "QEMU outlived pokdoc run --gdb: \(left)")
    }
}
