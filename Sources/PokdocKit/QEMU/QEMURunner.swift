// Boots a kernel image under qemu-system-i386 and turns what happens into a verdict
// (DESIGN.md section 6). The rules that hold on every path:
//   - QEMU runs in a process group of its own, and the whole group is killed on every way out:
//     a normal end, the wall-clock backstop, an output flood, Swift task cancellation, and
//     (through InterruptGuard) Ctrl-C in the CLI.
//   - Everything the guest reported before a hang, flood or crash is kept.
//   - Exit 0 is never success: under -no-reboot a triple fault exits 0.

import Foundation
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How the runner starts QEMU and when it gives up.
public struct QEMURunOptions: Sendable, Equatable {
    /// `qemu-system-i386` to use; nil looks it up on PATH.
    public var qemuPath: String?
    /// The wall-clock backstop for real hangs. Ignored with `gdb` (a debugging session has no deadline).
    public var timeout: Duration = .seconds(30)
    /// Serial output beyond this many bytes ends the run as `output-flood`.
    public var serialByteCap: Int = 1 << 20
    /// Virtual time from instructions executed (`-icount`), so runs are deterministic; nil: real time.
    public var icount: Icount? = .deterministic
    /// Adds `-S -gdb tcp:127.0.0.1:PORT`: QEMU waits for a debugger before the first instruction.
    public var gdb = false
    /// The gdb port; nil picks a free one.
    public var gdbPort: Int?
    /// Between SIGTERM and SIGKILL when the runner stops QEMU.
    public var terminationGrace: Duration = .milliseconds(500)
    /// A serial line longer than this is cut into pieces (a guest that never writes '\n').
    public var maxLineLength = 4096
    /// Appended to QEMU's command line, e.g. `["-d", "int"]`.
    public var extraArguments: [String] = []
    /// Words appended to the kernel command line after `nonce=` (e.g. `ticks=50`).
    public var kernelArguments: [String] = []

    public init() {}

    /// QEMU's `-icount` setting.
    public struct Icount: Sendable, Equatable {
        /// One instruction takes 2^shift ns of virtual time.
        public var shift: Int
        /// With `sleep: false` (QEMU's `sleep=off`) a halted CPU does not wait for the host clock:
        /// virtual time jumps to the next timer deadline, so timer-driven guests run faster than
        /// real time and stay deterministic. Checked on QEMU 7.2 (Tests/Fixtures/broken-kernels/ticks.S).
        public var sleep: Bool

        public init(shift: Int, sleep: Bool) {
            self.shift = shift
            self.sleep = sleep
        }

        /// `-icount shift=5,sleep=off`.
        public static let deterministic = Icount(shift: 5, sleep: false)

        var argument: String { "shift=\(shift)" + (sleep ? "" : ",sleep=off") }
    }
}

/// Handed to the caller as soon as QEMU is running.
public struct QEMUStart: Sendable, Equatable {
    /// QEMU's process ID, which is also its process group ID.
    public var processGroupID: Int32
    public var commandLine: [String]
    public var gdbPort: Int?
    /// What the user types in another terminal when `gdb` is on.
    public var gdbCommand: String?
}

/// How the QEMU process ended.
public enum QEMUEnding: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// The wall-clock backstop ran out and the runner killed QEMU.
    case timedOut(Duration)
    /// The serial byte cap was passed and the runner killed QEMU.
    case flooded(cap: Int)
}

/// Everything a run produced.
public struct QEMURunResult: Codable, Sendable, Equatable {
    public var verdict: Verdict
    /// The verdict for this run in one or two sentences.
    public var explanation: String
    /// QEMU's exit status; nil when a signal ended it (including one QEMU caught and then
    /// exited 0 on, as it does for the runner's SIGTERM).
    public var exitCode: Int32?
    /// The signal that ended QEMU: the one that killed it, or the one it caught and exited on.
    public var terminationSignal: Int32?
    public var serial: SerialSummary
    /// Bytes of serial output kept (at most the cap).
    public var serialByteCount: Int
    /// Seconds from spawning QEMU to reaping it.
    public var wallTime: Double
    public var nonce: String
    public var commandLine: [String]
    /// What QEMU itself wrote on stderr (e.g. "could not load kernel").
    public var qemuDiagnostics: String

    /// The transcript, nonce replaced by `<nonce>`.
    public var transcript: [String] { serial.transcript }
    public var tests: [TestEvent] { serial.tests }
    public var faults: [FaultReport] { serial.faults }
    public var endStatus: String? { serial.endStatus }
}

/// An image that cannot be run.
public struct QEMUImageNotFound: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var description: String { "kernel image not found: \(path)" }
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
    public func arguments(image: String, nonce: String, gdbPort: Int? = nil) -> [String] {
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
        let qemu = try options.qemuPath ?? Toolchain.locate().path(of: .qemu)
        guard FileManager.default.fileExists(atPath: image) else { throw QEMUImageNotFound(path: image) }
        let serialProtocol = SerialProtocol(nonce: nonce)
        let gdbPort = options.gdb ? (options.gdbPort ?? freeLoopbackPort()) : nil
        let arguments = arguments(image: image, nonce: nonce, gdbPort: gdbPort)
        let timeout = options.gdb ? nil : options.timeout
        let options = self.options

        // SIGTERM then SIGKILL to the whole group; Subprocess uses this when the task is cancelled.
        let groupTeardown: [TeardownStep] = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: options.terminationGrace)
        ]
        var platformOptions = PlatformOptions()
        platformOptions.processGroupID = 0  // a new group whose ID is QEMU's PID
        platformOptions.teardownSequence = groupTeardown

        let started = ContinuousClock.now
        let outcome = try await Subprocess.run(
            .path(.init(qemu)),
            arguments: Arguments(arguments),
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
                gdbCommand: gdbPort.map { Self.gdbCommand(image: image, port: $0) }))
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

// MARK: - Supervision

/// Why the runner stopped QEMU itself.
private enum StopReason: Sendable, Equatable {
    case timeout, flood, cancelled
}

/// What happened while QEMU ran.
private struct Supervision: Sendable {
    var serial: SerialReading
    var diagnostics: String
    var stop: StopReason?
}

private struct SerialReading: Sendable {
    var summary = SerialSummary()
    var byteCount = 0
}

private enum SupervisionEvent: Sendable {
    case serialClosed(SerialReading)
    case diagnosticsClosed(String)
    case stopRequested(StopReason)
    case idle
}

/// Reads serial and stderr, enforces the timeout and the byte cap, and makes sure the process
/// group is dead before returning.
private func supervise<Input>(
    _ execution: Execution<Input, SequenceOutput, SequenceOutput>,
    serialProtocol: SerialProtocol,
    timeout: Duration?,
    groupTeardown: [TeardownStep],
    options: QEMURunOptions,
    onLine: (@Sendable (SerialLine) -> Void)?
) async -> Supervision {
    let (floods, floodSignal) = AsyncStream.makeStream(of: Void.self)
    var supervision = Supervision(serial: SerialReading(), diagnostics: "", stop: nil)

    await withTaskGroup(of: SupervisionEvent.self) { group in
        group.addTask {
            .serialClosed(await readSerial(execution.standardOutput, serialProtocol: serialProtocol,
                                           options: options, onLine: onLine, onFlood: { floodSignal.yield() }))
        }
        group.addTask {
            .diagnosticsClosed(await readDiagnostics(execution.standardError))
        }
        group.addTask {
            for await _ in floods { return .stopRequested(.flood) }
            return .idle
        }
        group.addTask {
            do {
                if let timeout { try await Task.sleep(for: timeout) } else { try await neverEnding() }
                return .stopRequested(.timeout)
            } catch {
                // Cancelled: by the group once both streams closed, or because our caller was.
                return Task.isCancelled ? .stopRequested(.cancelled) : .idle
            }
        }

        var streamsOpen = 2
        while streamsOpen > 0, let event = await group.next() {
            switch event {
            case .serialClosed(let reading):
                supervision.serial = reading
                streamsOpen -= 1
            case .diagnosticsClosed(let text):
                supervision.diagnostics = text
                streamsOpen -= 1
            case .stopRequested(let reason):
                // The first reason wins; the streams close once the group is dead.
                guard supervision.stop == nil else { break }
                supervision.stop = reason
                await execution.teardown(using: groupTeardown)
            case .idle:
                break
            }
        }
        floodSignal.finish()
        group.cancelAll()
    }

    // The streams close when QEMU exits, but it might close them first and linger: give it the
    // grace period, then kill the group. QEMU is not reaped before this body returns, so its
    // group ID cannot have been reused and the final SIGKILL cannot hit a stranger.
    let pid = execution.processIdentifier.value
    if !(await hasExited(pid, within: options.terminationGrace)) {
        await execution.teardown(using: groupTeardown)
    }
    if Task.isCancelled, supervision.stop == nil { supervision.stop = .cancelled }
    kill(-pid, SIGKILL)  // anything QEMU left in its group
    return supervision
}

private func readSerial(
    _ stream: SubprocessOutputSequence,
    serialProtocol: SerialProtocol,
    options: QEMURunOptions,
    onLine: (@Sendable (SerialLine) -> Void)?,
    onFlood: @Sendable () -> Void
) async -> SerialReading {
    var reading = SerialReading()
    var splitter = SerialLineSplitter(maxLineLength: options.maxLineLength)
    var flooded = false
    func record(_ line: String) {
        let parsed = reading.summary.record(line, using: serialProtocol)
        onLine?(parsed)
    }
    do {
        for try await buffer in stream {
            // Past the cap keep draining (so QEMU is never stuck on a full pipe) but keep nothing.
            guard !flooded else { continue }
            let bytes = buffer.withUnsafeBytes { Array($0) }
            let room = options.serialByteCap - reading.byteCount
            reading.byteCount += min(bytes.count, room)
            splitter.feed(bytes.prefix(room)).forEach(record)
            if bytes.count > room {
                flooded = true
                onFlood()
            }
        }
    } catch {
        // A read error ends the transcript; the exit status still decides the verdict.
    }
    splitter.finish().map(record)
    return reading
}

private func readDiagnostics(_ stream: SubprocessOutputSequence) async -> String {
    let limit = 16 * 1024
    var bytes: [UInt8] = []
    do {
        for try await buffer in stream where bytes.count < limit {
            bytes += buffer.withUnsafeBytes { Array($0.prefix(limit - bytes.count)) }
        }
    } catch {}
    return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Splits a byte stream into lines (on '\n'; a '\r' before it is dropped by the protocol layer).
private struct SerialLineSplitter {
    let maxLineLength: Int
    private var pending: [UInt8] = []

    init(maxLineLength: Int) {
        self.maxLineLength = max(1, maxLineLength)
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines.append(take())
            } else {
                pending.append(byte)
                if pending.count >= maxLineLength { lines.append(take()) }
            }
        }
        return lines
    }

    /// The unterminated last line, if any.
    mutating func finish() -> String? {
        pending.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        defer { pending.removeAll(keepingCapacity: true) }
        return String(decoding: pending, as: UTF8.self)
    }
}

/// Polls without reaping (`WNOWAIT`): Subprocess reaps QEMU after the body returns.
private func hasExited(_ pid: pid_t, within grace: Duration) async -> Bool {
    // An unstructured task does not inherit cancellation, so the sleeps below really sleep
    // even when our caller has been cancelled.
    await Task {
        let deadline = ContinuousClock.now + grace
        while true {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT | WNOHANG) == 0, exitedPID(info) == pid {
                return true
            }
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }.value
}

private func exitedPID(_ info: siginfo_t) -> pid_t {
    #if canImport(Glibc) || canImport(Musl)
    info._sifields._sigchld.si_pid
    #else
    info.si_pid
    #endif
}

private func neverEnding() async throws {
    while true { try await Task.sleep(for: .seconds(3600)) }
}

/// The N of QEMU's "terminating on signal N" message, if it printed one.
private func caughtSignal(in diagnostics: String) -> Int32? {
    let marker = "terminating on signal "
    guard let range = diagnostics.range(of: marker) else { return nil }
    return Int32(diagnostics[range.upperBound...].prefix(while: \.isNumber))
}

/// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it).
private func freeLoopbackPort() -> Int {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return 1234 }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
        }
    }
    return bound ? Int(UInt16(bigEndian: address.sin_port)) : 1234
}

extension Duration {
    /// The duration as a floating-point number of seconds.
    var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
