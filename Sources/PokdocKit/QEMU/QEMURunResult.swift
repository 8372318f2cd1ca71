// Everything one QEMU run produced: the runner's verdict, the exit status, the serial summary.

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
