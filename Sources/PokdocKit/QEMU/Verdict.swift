// The verdict taxonomy of a QEMU run (docs/ARCHITECTURE.md, "Verdicts"). Only `pass` is success.

/// How a run of a kernel under QEMU ended, as one word.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case pass
    case fail
    case timeout
    case tripleFault = "triple-fault"
    case noBoot = "no-boot"
    case buildError = "build-error"
    case outputFlood = "output-flood"
    case forged

    /// One line that says what the verdict means, for someone who has not read docs/ARCHITECTURE.md.
    public var meaning: String {
        switch self {
        case .pass:
            "The kernel booted, every in-guest test it reported passed, it printed POK END and exited with 0x10."
        case .fail:
            "The kernel booted but reported a failing test, exited with 0x11, or exited in a way that is not a pass."
        case .timeout:
            "The kernel stopped making progress: no exit before the wall-clock backstop, so QEMU was killed."
        case .tripleFault:
            "The CPU reset (a fault it could not deliver); under -no-reboot QEMU then exits 0, which is never success."
        case .noBoot:
            "The kernel never printed its POK BOOT line with this run's nonce, so it did not get as far as its first words."
        case .buildError:
            "The kernel image could not be built, so nothing ran."
        case .outputFlood:
            "The kernel wrote more serial output than the cap allows, so QEMU was killed."
        case .forged:
            "A protocol line carried a nonce that is not this run's: the output claims results the harness did not ask for."
        }
    }

    public var isSuccess: Bool { self == .pass }
}
