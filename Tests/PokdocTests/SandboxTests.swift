// The sandbox student code runs in, tried as a hostile submission would: each test has a control
// that does the same thing outside the sandbox and succeeds, so it is the sandbox that stops it.
import Foundation
import Subprocess
import Testing
@testable import PokdocKit
#if canImport(Glibc)
import Glibc
#endif

@Suite("Sandbox: what student code cannot do")
struct SandboxTests {
    /// Three folders as the grader lays them out: the pristine course (read-only), this
    /// submission's scratch (writable), and things the submission must not see.
    struct Layout {
        // Not under /tmp, which the sandbox replaces with its own: the grader's folders live anywhere.
        let root = CourseFixture.root.appendingPathComponent(".build/sandbox-tests/\(UUID().uuidString)")
        var course: URL { root.appendingPathComponent("course") }
        var scratch: URL { root.appendingPathComponent("submission-a") }
        var other: URL { root.appendingPathComponent("submission-b") }
        var rubric: URL { root.appendingPathComponent("instructor/rubric.yaml") }

        init() throws {
            for folder in [course, scratch, other, rubric.deletingLastPathComponent()] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try "checks: {hypercall.gate.descriptor: 1}\n".write(to: rubric, atomically: true, encoding: .utf8)
            try "mine\n".write(to: other.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
            try "// the reference\n".write(to: course.appendingPathComponent("Hypercall.swift"), atomically: true, encoding: .utf8)
        }

        var sandbox: Sandbox { Sandbox(readOnly: [course], writable: [scratch]) }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    /// `sh -c script`, in the sandbox or (the control) outside it.
    static func shell(_ script: String, in sandbox: Sandbox?) async throws -> (ok: Bool, output: String) {
        if let sandbox {
            let result = try await sandbox.run("/bin/sh", ["-c", script])
            return (result.status == .exited(0), result.output)
        }
        let result = try await Subprocess.run(.path("/bin/sh"), arguments: ["-c", script],
                                              output: .string(limit: 1 << 20), error: .combinedWithOutput)
        return (result.terminationStatus == .exited(0), result.standardOutput)
    }

    @Test("bwrap is installed: student code never runs without the sandbox")
    func available() throws {
        _ = try Sandbox(writable: [FileManager.default.temporaryDirectory]).commandLine("/bin/true", [])
    }

    @Test("it can read the course and write its own scratch folder")
    func allowed() async throws {
        let layout = try Layout()
        defer { layout.remove() }
        let run = try await Self.shell("cat '\(layout.course.path)/Hypercall.swift' && echo built > '\(layout.scratch.path)/kernel.elf'", in: layout.sandbox)
        #expect(run.ok, "\(run.output)")
        #expect(FileManager.default.fileExists(atPath: layout.scratch.appendingPathComponent("kernel.elf").path))
    }

    @Test("it cannot read the rubric", arguments: [true, false])
    func rubric(_ sandboxed: Bool) async throws {
        let layout = try Layout()
        defer { layout.remove() }
        let run = try await Self.shell("cat '\(layout.rubric.path)'", in: sandboxed ? layout.sandbox : nil)
        #expect(run.ok == !sandboxed, sandboxed ? "the submission read the rubric: \(run.output)" : "control: \(run.output)")
    }

    @Test("it cannot write a report or the course, nor touch another submission", arguments: [true, false])
    func writes(_ sandboxed: Bool) async throws {
        let layout = try Layout()
        defer { layout.remove() }
        for target in [layout.rubric.deletingLastPathComponent().appendingPathComponent("report.json"),
                       layout.course.appendingPathComponent("Hypercall.swift"),
                       layout.other.appendingPathComponent("report.json")] {
            let run = try await Self.shell("echo 'full marks' > '\(target.path)'", in: sandboxed ? layout.sandbox : nil)
            #expect(run.ok == !sandboxed, "\(sandboxed ? "sandboxed" : "control"): writing \(target.lastPathComponent) in \(target.deletingLastPathComponent().lastPathComponent): \(run.output)")
        }
        let other = try String(contentsOf: layout.other.appendingPathComponent("report.json"), encoding: .utf8)
        if sandboxed { #expect(other == "mine\n", "another submission's file was changed") }
    }

    @Test("it cannot reach the network, not even the grader's own loopback", arguments: [true, false])
    func network(_ sandboxed: Bool) async throws {
        let layout = try Layout()
        defer { layout.remove() }
        let listener = try LoopbackListener()
        defer { listener.close() }
        // /dev/tcp is bash's (sh is dash here).
        let bash = try await Self.shell("bash -c 'exec 3<>/dev/tcp/127.0.0.1/\(listener.port) && echo connected'", in: sandboxed ? layout.sandbox : nil)
        #expect(bash.ok == !sandboxed, "\(sandboxed ? "sandboxed" : "control"): \(bash.output)")
    }

    @Test("an endless loop is stopped by its CPU-time limit")
    func cpuLimit() async throws {
        let layout = try Layout()
        defer { layout.remove() }
        var sandbox = layout.sandbox
        sandbox.cpuSeconds = 1
        // The wall-clock backstop only bounds the test if the CPU limit were missing.
        let result = try await sandbox.run("/bin/sh", ["-c", "while :; do :; done"], timeout: .seconds(120))
        #expect(result.status != .exited(0), "the loop ended normally?")
        if case .exited(let code) = result.status {
            // bwrap reports its child's death by a signal as 128 + signal (SIGXCPU 24, SIGKILL 9).
            #expect(code == 128 + 24 || code == 128 + 9, "expected death by SIGXCPU or SIGKILL, got exit \(code)")
        }
    }

    @Test("a process that sleeps forever is killed by the wall-clock backstop, and nothing of it is left")
    func wallClock() async throws {
        let layout = try Layout()
        defer { layout.remove() }
        let marker = "pok-sandbox-sleeper-\(UUID().uuidString.prefix(8))"
        await #expect(throws: Sandbox.TimedOut.self) {
            _ = try await layout.sandbox.run("/bin/bash", ["-c", "exec -a \(marker) sleep 1000"], timeout: .seconds(2))
        }
        let left = await ProcessWatch.untilGone { ProcessWatch.processes(containing: marker) }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "the sandboxed process outlived the backstop by \(ProcessWatch.bound): \(left)")
    }

    @Test("a memory hog gets no more than its address-space limit")
    func memoryLimit() async throws {
        let layout = try Layout()
        defer { layout.remove() }
        var sandbox = layout.sandbox
        sandbox.memoryBytes = 256 << 20
        let hog = try await sandbox.run("/usr/bin/python3", ["-c", "x = bytearray(1024 * 1024 * 1024); print('allocated')"])
        #expect(hog.status != .exited(0) && !hog.output.contains("allocated"), "1 GiB allocated under a 256 MiB limit: \(hog.output)")
        let small = try await sandbox.run("/usr/bin/python3", ["-c", "x = bytearray(16 * 1024 * 1024); print('allocated')"])
        #expect(small.output.contains("allocated"), "control: 16 MiB must fit: \(small.output)")
    }
}

/// A TCP listener on 127.0.0.1 at a free port, for the network test's control.
final class LoopbackListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        try #require(bound == 0 && listen(socket, 4) == 0, "could not listen on 127.0.0.1")
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
    }

    func close() { _ = Glibc.close(socket) }
}

/// QEMU run inside the sandbox (QEMURunOptions.sandbox): it still boots, still serves its gdb
/// stub to a client outside, and still dies on every way out, bwrap and all.
@Suite("Sandbox: QEMU inside it")
struct SandboxedQEMUTests {
    /// A sandbox that grants nothing beyond what the runner binds (the image's and the socket's folders).
    static let sandbox = Sandbox(writable: [])

    static func helloImage() async throws -> KernelImage {
        try requireQEMU()
        let chapter = try CourseFixture.course.chapter(2)
        return try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: .x86Qemu))
    }

    /// Processes carrying `marker` (a kernel argument, so on both bwrap's and QEMU's command line).
    static func left(_ marker: String) -> [String] { ProcessWatch.processes(containing: marker) }

    @Test("Chapter 2's hello boots to a pass inside the sandbox")
    func helloPasses() async throws {
        let image = try await Self.helloImage()
        var options = QEMURunOptions()
        options.sandbox = Self.sandbox
        let result = try await QEMURunner(options: options).run(image: image.elf.path)
        #expect(result.verdict == .pass, "sandboxed QEMU (image folder read-only) should run hello as without the sandbox: \(result.explanation)\n\(result.qemuDiagnostics)")
    }

    @Test("QEMU in the sandbox cannot open a file outside its image folder (control: outside it can)", arguments: [true, false])
    func cannotReadOutside(_ sandboxed: Bool) async throws {
        let image = try await Self.helloImage()
        let secret = CourseFixture.root.appendingPathComponent(".build/sandbox-tests/secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: secret.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "rubric\n".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        var options = QEMURunOptions()
        options.sandbox = sandboxed ? Self.sandbox : nil
        // A Multiboot module: QEMU must read the file before the guest starts.
        options.extraArguments = ["-initrd", secret.path]
        let result = try await QEMURunner(options: options).run(image: image.elf.path)
        if sandboxed {
            #expect(result.verdict != .pass && result.qemuDiagnostics.contains(secret.lastPathComponent),
                    "QEMU in the sandbox loaded \(secret.path) (only the image's folder is bound): \(result.verdict) \(result.qemuDiagnostics)")
        } else {
            #expect(result.verdict == .pass, "control: outside the sandbox QEMU loads the module and hello passes: \(result.explanation) \(result.qemuDiagnostics)")
        }
    }

    @Test("a gdb client outside reaches the stub of a sandboxed QEMU; cancelling leaves no process and no socket folder")
    func gdbThroughTheSandboxThenCancel() async throws {
        let image = try await Self.helloImage()
        let inspection = try await KernelInspection.load(elf: image.elf.path)
        let gate = try #require(inspection.symbols.first { $0.value == "pok_syscall_gate" }?.key, "no pok_syscall_gate in hello's image")
        let marker = "sandbox-marker-\(UUID().uuidString.prefix(8))"
        var options = QEMURunOptions()
        options.sandbox = Self.sandbox
        options.gdbUnixSocket = true
        options.timeout = .seconds(600)  // only the cancel may end this run
        options.kernelArguments = [marker]
        let recorder = Recorder()
        let run = Task { try await QEMURunner(options: options).run(image: image.elf.path, onStart: { recorder.started($0) }) }
        var socket: String?
        do {
            let deadline = ContinuousClock.now + .seconds(120)
            while recorder.start == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            let start = try #require(recorder.start, "QEMU did not start within 120 s")
            socket = try #require(start.gdbSocket, "no gdb socket reported")
            let remote = try GDBRemote(path: socket!)
            try remote.setBreakpoint(gate, hardware: true)
            let stop = try remote.continueExecution()
            #expect({ if case .stopped(signal: 5, _) = stop { true } else { false } }(), "expected a SIGTRAP at pok_syscall_gate, got \(stop)")
            let registers = try remote.registers()
            #expect(registers.eip == gate, "stopped at 0x\(String(registers.eip, radix: 16)), not at pok_syscall_gate")
            let running = Self.left(marker)
            #expect(running.contains { $0.contains("bwrap") } && running.contains { $0.contains("qemu-system-i386") },
                    "QEMU should run under bwrap (QEMURunOptions.sandbox): \(running)")
            remote.close()
        } catch {
            Issue.record(error, "observing a sandboxed QEMU through its gdb socket")
        }
        run.cancel()
        await #expect(throws: CancellationError.self, "ended by the cancel") { try await run.value }
        let left = await ProcessWatch.untilGone { Self.left(marker) }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "after the cancel, bwrap or QEMU outlived the run by \(ProcessWatch.bound) (group kill → bwrap dies → --die-with-parent): \(left)")
        if let socket {
            #expect(!FileManager.default.fileExists(atPath: (socket as NSString).deletingLastPathComponent), "the socket folder is left behind")
        }
    }

    @Test("a sandboxed QEMU that hangs is stopped by the backstop and leaves no process")
    func timeoutLeavesNothing() async throws {
        let image = try await Fixtures.image("hang")
        let marker = "sandbox-hang-\(UUID().uuidString.prefix(8))"
        var options = QEMURunOptions()
        options.sandbox = Self.sandbox
        options.timeout = .seconds(3)
        options.kernelArguments = [marker]
        let result = try await Fixtures.runner(options).run(image: image, nonce: "0000")
        #expect(result.verdict == .timeout, "\(result.explanation)")
        let left = await ProcessWatch.untilGone { Self.left(marker) }
        ProcessWatch.killLeftovers(left)
        #expect(left.isEmpty, "after the backstop, bwrap or QEMU is still there \(ProcessWatch.bound) later: \(left)")
    }
}

/// BareMetalBuild with a sandbox: the tools run under bwrap with the course read-only and only
/// `.build/pok` writable; a program outside the tree (a grader's probe) is bound read-only.
@Suite("Sandbox: the bare-metal build inside it")
struct SandboxedBuildTests {
    @Test("a program outside the course tree builds in the sandbox, and the image passes in sandboxed QEMU")
    func programOutsideTheTree() async throws {
        try requireQEMU()
        let chapter = try CourseFixture.course.chapter(2)
        // Outside the course root (its .build is inside it), under the host's /tmp, which the
        // sandbox covers with its own: only the bound file shows through.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pok-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A copy of hello outside the tree, with a line of its own so its image is built anew.
        let program = folder.appendingPathComponent("hello.swift")
        let hello = try String(contentsOf: chapter.programURL("programs/hello.swift"), encoding: .utf8)
        try (hello + "\n// \(UUID().uuidString)\n").write(to: program, atomically: true, encoding: .utf8)
        let course = Course(root: CourseFixture.root)
        let build = BareMetalBuild(course: course, sandbox: Sandbox(writable: []))
        let configuration = BuildConfiguration(bsp: .x86Qemu, needs: chapter.needs, program: program, label: "sandboxed-outside-hello")
        let image = try await build.build(configuration)
        #expect(image.built, "the image was built now, in the sandbox")
        var options = QEMURunOptions()
        options.sandbox = Sandbox(writable: [])
        let result = try await QEMURunner(options: options).run(image: image.elf.path)
        #expect(result.verdict == .pass, "\(result.explanation)")
    }

    @Test("without bwrap a sandboxed build stops with the sandbox's error, never a build failure scored against the code")
    func noBwrap() async throws {
        var toolchain = Toolchain.locate()
        toolchain.paths[.bwrap] = nil
        let chapter = try CourseFixture.course.chapter(2)
        let build = BareMetalBuild(course: CourseFixture.course, sandbox: Sandbox(writable: [], toolchain: toolchain))
        let folder = CourseFixture.root.appendingPathComponent(".build/sandbox-tests/nobwrap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = folder.appendingPathComponent("hello.swift")
        try (try String(contentsOf: chapter.programURL("programs/hello.swift"), encoding: .utf8) + "\n// \(UUID().uuidString)\n")
            .write(to: program, atomically: true, encoding: .utf8)
        // A new kernel key too (another label does not change it): a define nobody reads.
        let configuration = BuildConfiguration(bsp: .x86Qemu, needs: chapter.needs + ["POK_SANDBOX_TEST_\(UUID().uuidString.prefix(8))"],
                                               program: program, label: "nobwrap")
        await #expect(throws: Sandbox.Unavailable.self) { _ = try await build.build(configuration) }
    }
}
