// How QEMU is started so that it dies with pokdoc on every path, `kill -KILL` of pokdoc
// included (docs/ARCHITECTURE.md, "The QEMU protocol"). InterruptGuard covers the signals pokdoc
// can catch; nothing in pokdoc runs on SIGKILL, so the kernel has to do it: Linux's
// parent-death signal. `setpriv --pdeathsig KILL` sets it in the child and then execs QEMU
// (same process, same PID, same process group), and the kernel sends SIGKILL to QEMU when its
// parent goes.
//
// The parent, for this purpose, is the *thread* that forked, not the process: had a thread of
// Swift's global pool forked QEMU, its retirement while QEMU runs would kill a healthy run.
// Subprocess forks every child on one worker thread of its own, created once and joined only at
// exit (swift-subprocess, Sources/Subprocess/Thread.swift, `runOnBackgroundThread`), so the
// signal comes only when pokdoc ends. QEMUSpawnTests checks that QEMU's forking thread is that
// one steady thread, should a Subprocess update change it.
//
// In a sandbox the chain is setpriv → bwrap → (new PID namespace) prlimit → QEMU: setpriv still
// execs first, so the parent-death signal is on bwrap, which is also the process group's leader
// (QEMU itself is in bwrap's new session). Killing the group, or pokdoc's death, kills bwrap;
// bwrap's `--die-with-parent` then kills the namespace's init, and with it everything inside.
//
// Left open: pokdoc dying in the microseconds between fork and setpriv's prctl (the signal is
// set only after that).

import Foundation

enum QEMUSpawn {
    /// The executable and arguments that start `qemu` with a parent-death signal.
    static func command(qemu: String, arguments: [String], setpriv: String) -> (executable: String, arguments: [String]) {
        (setpriv, ["--pdeathsig", "KILL", "--", qemu] + arguments)
    }

    /// The same, with QEMU inside `sandbox` (setpriv outermost, so the signal is on bwrap).
    static func command(qemu: String, arguments: [String], setpriv: String, sandbox: Sandbox?) throws -> (executable: String, arguments: [String]) {
        guard let sandbox else { return command(qemu: qemu, arguments: arguments, setpriv: setpriv) }
        return (setpriv, ["--pdeathsig", "KILL", "--"] + (try sandbox.commandLine(qemu, arguments)))
    }
}
