// How the QEMU process ended, before any verdict is drawn from it.

/// How the QEMU process ended.
public enum QEMUEnding: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// The wall-clock backstop ran out and the runner killed QEMU.
    case timedOut(Duration)
    /// The serial byte cap was passed and the runner killed QEMU.
    case flooded(cap: Int)
}
