// While QEMU runs: read serial and stderr, enforce the wall-clock backstop and the serial byte
// cap, follow task cancellation, and make sure the process group is dead before returning.

import Foundation
import Subprocess

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the runner stopped QEMU itself.
enum StopReason: Sendable, Equatable {
    case timeout, flood, cancelled
}

/// What happened while QEMU ran.
struct Supervision: Sendable {
    var serial: SerialReading
    var diagnostics: String
    var stop: StopReason?
}

struct SerialReading: Sendable {
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
func supervise<Input>(
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

private func neverEnding() async throws {
    while true { try await Task.sleep(for: .seconds(3600)) }
}
