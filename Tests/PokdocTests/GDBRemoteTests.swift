// The GDB remote protocol client: its framing against hand-made packets, its error paths against
// a scripted fake stub, and the whole chain against QEMU's stub on a per-run Unix socket.

import Foundation
import Synchronization
import Testing
@testable import PokdocKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

@Suite("GDB remote protocol — framing")
struct RSPFramingTests {
    @Test("a packet is $payload#checksum, the modulo-256 sum in two hex digits")
    func checksum() {
        #expect(String(decoding: RSPPacket.frame("g"), as: UTF8.self) == "$g#67", "RSP framing: checksum of `g` is 0x67")
        #expect(String(decoding: RSPPacket.frame("OK"), as: UTF8.self) == "$OK#9a", "RSP framing: checksum of `OK` is 0x9a")
        #expect(RSPPacket.checksum(Array(repeating: 0xff, count: 3)) == 0xfd, "RSP framing: the sum wraps modulo 256")
    }

    @Test("$ # } * are escaped as } and the byte XOR 0x20, and unescaped on the way in")
    func escapes() throws {
        let framed = String(decoding: RSPPacket.frame(Array("a$b#c}d*".utf8)), as: UTF8.self)
        #expect(framed.hasPrefix("$a}\u{04}b}\u{03}c}]d}\n#"), "RSP framing: `}` then the byte XOR 0x20 — got \(framed.debugDescription)")
        var reader = RSPReader()
        reader.append(RSPPacket.frame(Array("a$b#c}d*".utf8)))
        #expect(try reader.next() == .packet(Array("a$b#c}d*".utf8)), "RSP framing: the escaped packet does not round-trip")
    }

    @Test("`*` repeats the byte before it (the next byte − 29) times")
    func runLength() throws {
        // "0* " is "0" then 32 − 29 = 3 more: four zeros, as QEMU sends them in `g` replies.
        #expect(try RSPPacket.decode(body: Array("0* 1".utf8)) == Array("00001".utf8), "RSP run-length: `*` count is the byte − 29")
        var reader = RSPReader()
        let body = Array("0* ".utf8)
        reader.append([UInt8(ascii: "$")] + body + Array("#\(RSPPacket.hex(RSPPacket.checksum(body)))".utf8))
        #expect(try reader.next() == .packet(Array("0000".utf8)), "RSP run-length: the checksum covers the encoded body, not the expansion")
        #expect(throws: GDBRemoteError.malformedPacket("run length `*` with no byte before it")) { try RSPPacket.decode(body: Array("*!".utf8)) }
    }

    @Test("a bad checksum is answered `-`, and a stub that keeps sending them ends in a precise error")
    func badChecksum() throws {
        var reader = RSPReader()
        reader.append(Array("+$OK#00".utf8))
        #expect(try reader.next() == .ack)
        #expect(try reader.next() == .badChecksum(expected: 0x9a, received: "00"), "RSP framing: `OK` sums to 0x9a, not 00")

        let stub = try FakeStub(script: "+" + String(repeating: "$OK#00", count: GDBRemote.retries + 1))
        let remote = try GDBRemote(path: stub.path, timeout: .seconds(5))
        #expect(throws: GDBRemoteError.badChecksum(expected: 0x9a, received: "00")) { _ = try remote.registers() }
        remote.close()
        let received = stub.received()
        #expect(received == "$g#67" + String(repeating: "-", count: GDBRemote.retries + 1),
                "each bad packet is answered `-` (RSP: the stub then resends); the stub received \(received.debugDescription)")
    }

    @Test("a stub that never answers ends in a timeout that says what was awaited")
    func silentStub() throws {
        let stub = try FakeStub(script: "")
        let remote = try GDBRemote(path: stub.path, timeout: .milliseconds(300))
        #expect(throws: GDBRemoteError.timeout(waitingFor: "the ack of `?`", after: .milliseconds(300)), "every read is bounded by GDBRemote.timeout") { _ = try remote.haltReason() }
        remote.close()
    }

    @Test("a `g` reply is cut into the i386 core registers, little-endian, in gdb's order")
    func registerLayout() throws {
        let words: [UInt32] = (0..<16).map { 0x1000_0000 &* UInt32($0) &+ 0x0403_0201 }
        let reply = words.map { word in (0..<4).map { RSPPacket.hex(UInt8(truncatingIfNeeded: word >> (8 * $0))) }.joined() }.joined() + "0000"
        let registers = try I386Registers(gReply: reply)
        #expect(registers.eax == 0x0403_0201 && registers.ebx == 0x3403_0201 && registers.eip == 0x8403_0201 && registers.cs == 0xa403_0201,
                "i386 `g` layout: eax ecx edx ebx esp ebp esi edi eip eflags cs ss ds es fs gs, little-endian — got \(registers.values.map { String($0, radix: 16) })")
        #expect(registers["gs"] == words[15])
    }

    @Test("IDTR is read from QEMU's `info registers` IDT= line")
    func idtrLine() throws {
        // QEMU's monitor ends its lines with "\r\n", a single Character in Swift.
        let idtr = try DescriptorTableRegister(infoRegisters: "GDT=     00107000 0000002f\r\nIDT=     00108000 000007ff\r\n", name: "IDT")
        #expect(idtr == DescriptorTableRegister(base: 0x108000, limit: 0x7ff))
        let entry45 = try #require(idtr.entryAddress(45))
        #expect(entry45 == 0x108000 + 45 * 8, "IDT entries are 8 bytes in protected mode")
        #expect(DescriptorTableRegister(base: 0, limit: 45 * 8 - 1).entryAddress(45) == nil, "an entry past the limit is not in the table")
    }
}

@Suite("GDB remote protocol — QEMU's stub on a Unix socket", .serialized)
struct GDBRemoteQEMUTests {
    @Test("the TCP `gdb` flag and `gdbUnixSocket` exclude each other, before anything starts")
    func conflictingStubs() async throws {
        var options = QEMURunOptions()
        options.gdb = true
        options.gdbUnixSocket = true
        await #expect(throws: QEMURunOptionsConflict.self, "QEMURunOptions: one gdb stub per run") {
            _ = try await QEMURunner(options: options).run(image: "/nonexistent/kernel.elf")
        }
    }

    @Test("a Unix-socket run starts QEMU halted with its stub on that socket")
    func unixSocketArguments() {
        var options = QEMURunOptions()
        options.gdbUnixSocket = true
        let arguments = QEMURunner(options: options).arguments(image: "k.elf", nonce: "0", gdbSocket: "/tmp/x/gdb.sock")
        let joined = arguments.joined(separator: " ")
        #expect(joined.contains("-S -chardev socket,id=gdb0,path=/tmp/x/gdb.sock,server=on,wait=off -gdb chardev:gdb0"),
                "QEMU 7.2: `-chardev socket,...,server=on,wait=off -gdb chardev:ID` after `-S`; got \(joined)")
        #expect(!joined.contains("tcp:"), "a Unix-socket run opens no TCP port")
    }

    @Test("Chapter 2's hello stops at pok_syscall_gate; registers, memory and IDTR are read from outside")
    func breakAtSyscallGate() async throws {
        try requireQEMU()
        let chapter = try CourseFixture.course.chapter(2)
        let image = try await BareMetalBuild(course: CourseFixture.course).build(BuildConfiguration(chapter: chapter, bsp: .x86Qemu))
        let inspection = try await KernelInspection.load(elf: image.elf.path)
        func address(_ name: String) throws -> UInt32 {
            try #require(inspection.symbols.first { $0.value == name }?.key, "no \(name) in the Chapter 2 image's symbol table")
        }
        let gate = try address("pok_syscall_gate")
        let entry = try address("pok_syscall_entry")

        var options = QEMURunOptions()
        options.gdbUnixSocket = true
        options.timeout = .seconds(60)
        let recorder = Recorder()
        let run = Task { try await QEMURunner(options: options).run(image: image.elf.path, onStart: { recorder.started($0) }) }
        var socket: String?
        var killed = false
        do {
            let start = try await waitForStart(recorder)
            let path = try #require(start.gdbSocket, "onStart reported no gdb socket with gdbUnixSocket on")
            socket = path
            #expect(start.commandLine.contains("chardev:gdb0") && start.commandLine.contains("-S"),
                    "QEMU must start halted with its stub on the chardev: \(start.commandLine)")
            let remote = try GDBRemote(path: path)
            try observeSyscallGate(remote, gate: gate, entry: entry)
            try remote.kill()
            killed = true
        } catch {
            Issue.record(error, "observing Chapter 2's hello through the gdb stub")
        }
        // Every way out ends the run and waits for it (bounded): no orphan QEMU, no socket folder left.
        if !killed { run.cancel() }
        let ended = (try? await withBound(.seconds(20), what: "the run to end") { _ = try? await run.value; return true }) ?? false
        #expect(ended, "the run did not end within 20 s after `k` (QEMU exits on `k`)")
        if let group = recorder.processGroup { await expectGone(group) }
        if let socket {
            let folder = (socket as NSString).deletingLastPathComponent
            #expect(!FileManager.default.fileExists(atPath: folder), "the run's socket folder \(folder) is left behind (QEMURunner removes it after the run)")
        }
    }
}

/// Continues to `gate` and checks what the stub shows there: registers, the caller's frame and
/// argument block in memory, and IDT entry 42 through IDTR.
private func observeSyscallGate(_ remote: GDBRemote, gate: UInt32, entry: UInt32) throws {
    if case .stopped = try remote.haltReason() {} else { Issue.record("QEMU started with -S should report a stop to `?`") }
    try remote.setBreakpoint(gate, hardware: true)
    let stop = try remote.continueExecution()
    guard case .stopped(signal: 5, _) = stop else {
        throw GDBRemoteError.unexpectedReply(command: "c", reply: "expected a SIGTRAP stop at pok_syscall_gate, got \(stop)")
    }
    let registers = try remote.registers()
    #expect(registers.eip == gate, "stopped at 0x\(String(registers.eip, radix: 16)), not at pok_syscall_gate 0x\(String(gate, radix: 16))")
    #expect(registers.cs == 0x08, "the gate runs in the kernel code segment 0x08, CS was 0x\(String(registers.cs, radix: 16))")

    // cdecl: [esp] is the return address into the entry stub, [esp+4] the frame it built.
    let framePointer = try remote.readUInt32(registers.esp + 4)
    let frame = try remote.readMemory(framePointer, length: 60)
    let savedEBX = HexBytes.littleEndianUInt32(frame, at: 24)
    let savedEAX = HexBytes.littleEndianUInt32(frame, at: 36)
    let callerCS = HexBytes.littleEndianUInt32(frame, at: 48)
    #expect(savedEBX == registers.ebx, "the entry stub leaves EBX alone, so the frame's saved EBX (0x\(String(savedEBX, radix: 16))) must be the live one (0x\(String(registers.ebx, radix: 16))): `g` or `m` is misread")
    #expect(callerCS & 3 == 3, "the caller of `int $42` is a partition at CPL 3, its CS was 0x\(String(callerCS, radix: 16))")
    // The argument block is at an offset in the caller's segment: its base comes from the GDT.
    let partition = try remote.segment(callerCS)
    let block = try remote.readMemory(partition.base + savedEBX, length: 24)
    let nargs = HexBytes.littleEndianUInt32(block, at: 0)
    let buffer = HexBytes.littleEndianUInt32(block, at: 4)
    let length = HexBytes.littleEndianUInt32(block, at: 8)
    #expect(savedEAX == (try consoleWriteNumber()), "hello's first call is CONSWRITE (Sources/Kernel/Core/SyscallID.swift), EAX was \(savedEAX)")
    #expect(nargs == 2, "CONSWRITE's block has nargs 2 (Services.swift), read \(nargs) at 0x\(String(partition.base + savedEBX, radix: 16))")
    let text = String(decoding: try remote.readMemory(partition.base + buffer, length: Int(min(length, 256))), as: UTF8.self)
    #expect(text == "Hello from partition 0, running at CPL 3\n", "the buffer of hello's first CONSWRITE, read from outside, was \(text.debugDescription)")

    let idtr = try remote.idtr()
    #expect(idtr.limit >= 42 * 8 + 7, "IDTR limit 0x\(String(idtr.limit, radix: 16)) does not reach vector 42")
    let gate42 = try remote.idtGate(42)
    #expect(gate42.offset == entry && gate42.selector == 0x08 && gate42.attributes == 0xee,
            "IDT entry 42 read through IDTR should be a DPL-3 interrupt gate (0xee) to pok_syscall_entry 0x\(String(entry, radix: 16)) in 0x08, got \(gate42)")
}

/// POK_SYSCALL_CONSWRITE's number, from the kernel's SyscallID enum (written once there).
private func consoleWriteNumber() throws -> UInt32 {
    let source = try String(contentsOf: CourseFixture.root.appendingPathComponent("Sources/Kernel/Core/SyscallID.swift"), encoding: .utf8)
    let line = try #require(source.split(separator: "\n").first { $0.contains("case consoleWrite =") }, "no consoleWrite in SyscallID.swift")
    let number = line.split(separator: "=")[1].split(separator: "/")[0].trimmingCharacters(in: .whitespaces)
    return try #require(UInt32(number), "consoleWrite's number in SyscallID.swift: \(line)")
}

/// Polls (bounded) until the runner reports QEMU started.
private func waitForStart(_ recorder: Recorder) async throws -> QEMUStart {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        if let start = recorder.start { return start }
        try await Task.sleep(for: .milliseconds(20))
    }
    throw GDBRemoteError.timeout(waitingFor: "QEMU to start (onStart)", after: .seconds(60))
}

/// `body`'s result, or an error after `bound`.
private func withBound<T: Sendable>(_ bound: Duration, what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask { try await Task.sleep(for: bound); return nil }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw GDBRemoteError.timeout(waitingFor: what, after: bound)
        }
        return value
    }
}

/// A gdb stub that sends `script` as soon as a client connects, then records what it receives
/// until the client closes.
final class FakeStub: Sendable {
    let path: String
    private let folder: String
    private let log = Mutex<[UInt8]>([])
    private let done = Mutex<Bool>(false)

    init(script: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-stub-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        path = folder + "/gdb.sock"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(listener, 1) == 0, "fake stub: cannot listen on \(path)")
        let bytes = Array(script.utf8)
        Thread.detachNewThread { [self] in
            let client = accept(listener, nil, nil)
            close(listener)
            guard client >= 0 else { return }
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var buffer = [UInt8](repeating: 0, count: 1024)
            while true {
                var descriptor = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptor, 1, 10_000) > 0 else { break }  // bounded: a test never waits forever
                let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                log.withLock { $0 += buffer[0..<count] }
            }
            close(client)
            done.withLock { $0 = true }
        }
    }

    /// What the client sent, once it has closed (bounded wait).
    func received() -> String {
        let deadline = ContinuousClock.now + .seconds(10)
        while !done.withLock({ $0 }) && ContinuousClock.now < deadline { usleep(5_000) }
        return String(decoding: log.withLock { $0 }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
