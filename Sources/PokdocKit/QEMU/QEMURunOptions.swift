// The knobs of one QEMU run: which QEMU, the backstops, virtual time, gdb, extra arguments.

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
    /// Adds `-S` and a gdb stub on a Unix-domain socket in a per-run temporary folder (removed
    /// after the run), for a program that observes the guest (GDBRemote): no port is shared
    /// between parallel runs. Unlike `gdb`, the run keeps its backstop and takes a slot.
    /// Excludes `gdb`.
    public var gdbUnixSocket = false
    /// Between SIGTERM and SIGKILL when the runner stops QEMU.
    public var terminationGrace: Duration = .milliseconds(500)
    /// A serial line longer than this is cut into pieces (a guest that never writes '\n').
    public var maxLineLength = 4096
    /// Appended to QEMU's command line, e.g. `["-d", "int"]`.
    public var extraArguments: [String] = []
    /// Words appended to the kernel command line after `nonce=` (e.g. `ticks=50`).
    public var kernelArguments: [String] = []
    /// Runs QEMU inside this sandbox (bubblewrap): the image's folder bound read-only, the gdb
    /// socket's folder writable, nothing else of the host's files. The process group, the
    /// parent-death signal and the backstops hold as without it (QEMUSpawn). Nil: no sandbox.
    public var sandbox: Sandbox? = nil

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
