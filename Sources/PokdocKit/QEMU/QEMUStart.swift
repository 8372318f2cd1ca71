// What the runner tells its caller the moment QEMU is running.

/// Handed to the caller as soon as QEMU is running.
public struct QEMUStart: Sendable, Equatable {
    /// QEMU's process ID, which is also its process group ID.
    public var processGroupID: Int32
    public var commandLine: [String]
    public var gdbPort: Int?
    /// What the user types in another terminal when `gdb` is on.
    public var gdbCommand: String?
    /// The Unix socket of the gdb stub when `gdbUnixSocket` is on (it appears a moment later).
    public var gdbSocket: String? = nil
}
