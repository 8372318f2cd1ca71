// Boots a kernel image under qemu-system-i386 and turns what happens into a verdict
// (docs/ARCHITECTURE.md, "The QEMU protocol" and "Verdicts"). The rules that hold on every path:
//   - QEMU runs in a process group of its own, and the whole group is killed on every way out:
//     a normal end, the wall-clock backstop, an output flood, Swift task cancellation, and
//     (through InterruptGuard) Ctrl-C in the CLI.
//   - QEMU dies with pokdoc even when pokdoc is killed with SIGKILL (QEMUSpawner: a
//     parent-death signal set before QEMU's exec).
//   - Everything the guest reported before a hang, flood or crash is kept.
//   - Exit 0 is never success: under -no-reboot a triple fault exits 0.

import Foundation
import Subprocess

/// An image that cannot be run.
public struct QEMUImageNotFound: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var description: String { "kernel image not found: \(path)" }
}

/// Options that contradict each other.
public struct QEMURunOptionsConflict: Error, CustomStringConvertible, Sendable {
    public var description: String { "QEMURunOptions: `gdb` (TCP stub) and `gdbUnixSocket` exclude each other" }
}

/// Runs kernel images under `qemu-system-i386`.
public struct QEMURunner: Sendable {
    /// isa-debug-exit turns a guest write of v into QEMU exit status (v << 1) | 1.
    public static let passExitCode: Int32 = 33  // guest wrote 0x10
    public static let failExitCode: Int32 = 35  // guest wrote 0x11

    public var options: QEMURunOptions
    /// The limit on concurrent runs this runner waits for; a `gdb` run is interactive and halted,
    /// so it takes no slot.
    public var slots: QEMUSlots

    public init(options: QEMURunOptions = QEMURunOptions(), slots: QEMUSlots = .shared) {
        self.options = options
        self.slots = slots
    }

    /// QEMU's arguments (without the executable).
    public func arguments(image: String, nonce: String, gdbPort: Int? = nil, gdbSocket: String? = nil) -> [String] {
        var arguments = [
            "-kernel", image,
            "-append", (["nonce=\(nonce)"] + options.kernelArguments).joined(separator: " "),
            "-display", "none",
            "-monitor", "none",
            "-serial", "stdio",
            "-no-reboot",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        ]
        if let icount = options.icount { arguments += ["-icount", icount.argument] }
        // Loopback only: a gdb stub on every interface would let the network poke the guest.
        if let gdbPort { arguments += ["-S", "-gdb", "tcp:127.0.0.1:\(gdbPort)"] }
        if let gdbSocket {
            arguments += ["-S", "-chardev", "socket,id=gdb0,path=\(gdbSocket),server=on,wait=off", "-gdb", "chardev:gdb0"]
        }
        return arguments + options.extraArguments
    }

    /// The command that attaches gdb to a run started with `gdb` on.
    public static func gdbCommand(image: String, port: Int) -> String {
        "gdb \(shellEscaped(image)) -ex 'target remote :\(port)'"
    }

    /// Boots `image` and waits for a verdict. Unless `gdb` is on, it first waits for a slot in
    /// `slots`, so the wall-clock backstop never counts time spent queued behind other runs.
    ///
    /// - Parameters:
    ///   - nonce: The run's nonce, passed as `nonce=<nonce>` on the Multiboot command line. Tests
    ///     pass a fixed one because their fixture kernels print it hard-coded.
    ///   - onStart: Called once QEMU is running (with the gdb command when `gdb` is on).
    ///   - onLine: Called for each serial line as it arrives, for a live transcript.
    /// - Throws: `ToolNotFound` without QEMU, `QEMUImageNotFound`, a spawn error, or
    ///   `CancellationError` when the task was cancelled (QEMU is dead by then).
    public func run(
        image: String,
        nonce: String = SerialProtocol.randomNonce(),
        onStart: (@Sendable (QEMUStart) -> Void)? = nil,
        onLine: (@Sendable (SerialLine) -> Void)? = nil
    ) async throws -> QEMURunResult {
        if options.gdb {
            return try await runNow(image: image, nonce: nonce, onStart: onStart, onLine: onLine)
        }
        return try await slots.withSlot {
            try await runNow(image: image, nonce: nonce, onStart: onStart, onLine: onLine)
        }
    }

    /// `run` once a slot is held: the wall-clock backstop starts here, when QEMU is spawned.
    private func runNow(
        image: String,
        nonce: String,
        onStart: (@Sendable (QEMUStart) -> Void)?,
        onLine: (@Sendable (SerialLine) -> Void)?
    ) async throws -> QEMURunResult {
        guard !(options.gdb && options.gdbUnixSocket) else { throw QEMURunOptionsConflict() }
        let toolchain = Toolchain.locate()
        let qemu = try options.qemuPath ?? toolchain.path(of: .qemu)
        let setpriv = try toolchain.path(of: .setpriv)
        guard FileManager.default.fileExists(atPath: image) else { throw QEMUImageNotFound(path: image) }
        // The socket's folder is the run's own; QEMU leaves the socket behind when it is killed.
        let socketFolder = options.gdbUnixSocket
            ? FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-gdb-\(UUID().uuidString.prefix(8))").path
            : nil
        if let socketFolder {
            try FileManager.default.createDirectory(atPath: socketFolder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        }
        defer { if let socketFolder { try? FileManager.default.removeItem(atPath: socketFolder) } }
        let gdbSocket = socketFolder.map { $0 + "/gdb.sock" }
        let serialProtocol = SerialProtocol(nonce: nonce)
        let gdbPort = options.gdb ? (options.gdbPort ?? freeLoopbackPort()) : nil
        let arguments = arguments(image: image, nonce: nonce, gdbPort: gdbPort, gdbSocket: gdbSocket)
        let timeout = options.gdb ? nil : options.timeout
        let options = self.options

        // SIGTERM then SIGKILL to the whole group; Subprocess uses this when the task is cancelled.
        let groupTeardown: [TeardownStep] = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: options.terminationGrace)
        ]
        var platformOptions = PlatformOptions()
        platformOptions.processGroupID = 0  // a new group whose ID is QEMU's PID
        platformOptions.teardownSequence = groupTeardown

        // In the sandbox QEMU sees the image's folder (read-only) and the socket's (writable) only.
        let sandbox = options.sandbox.map {
            $0.binding(readOnly: [URL(fileURLWithPath: image).standardizedFileURL.deletingLastPathComponent()],
                       writable: socketFolder.map { [URL(fileURLWithPath: $0)] } ?? [])
        }
        let spawn = try QEMUSpawn.command(qemu: qemu, arguments: arguments, setpriv: setpriv, sandbox: sandbox)
        let started = ContinuousClock.now
        let outcome = try await Subprocess.run(
            .path(.init(spawn.executable)),
            arguments: Arguments(spawn.arguments),
            platformOptions: platformOptions,
            input: .none,
            output: .sequence,
            error: .sequence
        ) { execution -> Supervision in
            let group = execution.processIdentifier.value
            InterruptGuard.register(processGroup: group)
            defer { InterruptGuard.unregister(processGroup: group) }
            onStart?(QEMUStart(
                processGroupID: group, commandLine: [qemu] + arguments, gdbPort: gdbPort,
                gdbCommand: gdbPort.map { Self.gdbCommand(image: image, port: $0) }, gdbSocket: gdbSocket))
            return await supervise(execution, serialProtocol: serialProtocol, timeout: timeout,
                                   groupTeardown: groupTeardown, options: options, onLine: onLine)
        }
        let wallTime = (ContinuousClock.now - started).inSeconds
        InterruptGuard.parkIfInterrupted()
        let supervision = outcome.closureResult
        if supervision.stop == .cancelled { throw CancellationError() }

        var exitCode: Int32?
        var signal: Int32?
        switch outcome.terminationStatus {
        case .exited(let code): exitCode = code
        case .signaled(let number): signal = number
        }
        // QEMU catches SIGTERM/SIGINT/SIGHUP and exits 0, which would read as a triple fault.
        if exitCode == 0, let caught = caughtSignal(in: supervision.diagnostics) {
            exitCode = nil
            signal = caught
        }
        let ending: QEMUEnding = switch supervision.stop {
        case .timeout: .timedOut(options.timeout)
        case .flood: .flooded(cap: options.serialByteCap)
        case .cancelled, nil: signal.map(QEMUEnding.signaled) ?? .exited(exitCode ?? -1)
        }
        let judgement = Self.judge(supervision.serial.summary, ending: ending, diagnostics: supervision.diagnostics)
        return QEMURunResult(
            verdict: judgement.verdict, explanation: judgement.explanation,
            exitCode: exitCode, terminationSignal: signal,
            serial: supervision.serial.summary, serialByteCount: supervision.serial.byteCount,
            wallTime: wallTime, nonce: nonce, commandLine: [qemu] + arguments,
            qemuDiagnostics: supervision.diagnostics)
    }
}

/// The N of QEMU's "terminating on signal N" message, if it printed one.
private func caughtSignal(in diagnostics: String) -> Int32? {
    let marker = "terminating on signal "
    guard let range = diagnostics.range(of: marker) else { return nil }
    return Int32(diagnostics[range.upperBound...].prefix(while: \.isNumber))
}
