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
