import Foundation
import Subprocess

/// Where every process that touches a student's code runs (the bare-metal compile, QEMU): under
/// bubblewrap, in a root that holds only the system's read-only directories and the folders it is
/// given — read-only (a pristine course tree) or writable (a private scratch folder) — with no
/// network, its own PID namespace and session, killed with its parent, and with CPU-time and
/// memory limits (prlimit). Whatever the code does, it cannot read what it is not given (a rubric,
/// another submission), write outside its scratch folder, or reach the network.
public struct Sandbox: Sendable, Equatable {
    /// Folders bound read-only, at the same path.
    public var readOnly: [URL]
    /// Folders bound writable, at the same path; the first is the working directory and HOME.
    public var writable: [URL]
    /// CPU seconds before the kernel stops the process (RLIMIT_CPU).
    public var cpuSeconds: Int
    /// Address space in bytes (RLIMIT_AS).
    public var memoryBytes: UInt64
    public var toolchain: Toolchain

    /// The system's directories every tool needs, bound read-only when they exist.
    public static let systemDirectories = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt"]

    public init(readOnly: [URL] = [], writable: [URL], cpuSeconds: Int = 600, memoryBytes: UInt64 = 8 << 30,
                toolchain: Toolchain = .locate()) {
        self.readOnly = readOnly
        self.writable = writable
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.toolchain = toolchain
    }

    /// This sandbox with more folders: `readOnly` appended, `writable` put first (so the first of
    /// them becomes the working directory and HOME). Binds are made read-only first, then
    /// writable, so a writable folder may lie inside a read-only one (a staged tree's
    /// `.build/pok` inside the tree); a file may be bound as well as a folder.
    public func binding(readOnly more: [URL] = [], writable first: [URL] = []) -> Sandbox {
        var sandbox = self
        sandbox.readOnly += more
        sandbox.writable = first + writable
        return sandbox
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The full command line: `bwrap … -- prlimit … -- executable arguments`. The order of the
    /// binds matters: the system, a private /tmp, the read-only folders, then the writable ones
    /// (a later bind covers an earlier one at or below its path).
    public func commandLine(_ executable: String, _ arguments: [String]) throws -> [String] {
        guard let bwrap = toolchain.paths[.bwrap] else {
            throw Unavailable(description: "bwrap not found; student code runs only in the sandbox. Fix: \(Tool.bwrap.fixHint)")
        }
        guard let prlimit = ["/usr/bin/prlimit", "/bin/prlimit"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw Unavailable(description: "prlimit not found (util-linux); fix: \(DebianPackage.installCommand([.utilLinux]))")
        }
        var words = [bwrap, "--die-with-parent", "--new-session", "--unshare-all", "--cap-drop", "ALL"]
        for directory in Self.systemDirectories where FileManager.default.fileExists(atPath: directory) {
            words += ["--ro-bind", directory, directory]
        }
        words += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        for folder in readOnly { words += ["--ro-bind", folder.path, folder.path] }
        for folder in writable { words += ["--bind", folder.path, folder.path] }
        if let home = writable.first {
            words += ["--chdir", home.path, "--setenv", "HOME", home.path, "--setenv", "TMPDIR", "/tmp"]
        }
        words += ["--", prlimit, "--cpu=\(cpuSeconds)", "--as=\(memoryBytes)", "--", executable] + arguments
        return words
    }

    public struct Result: Sendable {
        public var status: TerminationStatus
        /// Standard output and error, interleaved.
        public var output: String
    }

    public struct TimedOut: Error, CustomStringConvertible {
        public var limit: Duration
        public var description: String { "the sandboxed process did not finish within \(limit) of wall time; it was killed" }
    }

    /// Runs `executable` in the sandbox; output beyond `outputLimit` bytes is an error. A
    /// wall-clock backstop (beside the CPU limit, which a sleeping process never reaches) kills
    /// bwrap, and with it, through `--die-with-parent`, everything inside.
    public func run(_ executable: String, _ arguments: [String], outputLimit: Int = 4 << 20,
                    timeout: Duration = .seconds(900)) async throws -> Result {
        let words = try commandLine(executable, arguments)
        let finished = try await withWallClockLimit(timeout) {
            var platformOptions = PlatformOptions()
            platformOptions.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
            let result = try await Subprocess.run(
                .path(.init(words[0])), arguments: Arguments(Array(words.dropFirst())),
                platformOptions: platformOptions,
                output: .string(limit: outputLimit), error: .combinedWithOutput)
            return Result(status: result.terminationStatus, output: result.standardOutput)
        }
        guard let finished else { throw TimedOut(limit: timeout) }
        return finished
    }
}
