// A client of the GDB Remote Serial Protocol for QEMU's gdb stub, over a Unix-domain socket:
// what a grader uses to observe a kernel from outside the guest. Every wait is bounded by
// `timeout` and ends in a GDBRemoteError that says what it was waiting for.
//
// Acks: QEMU 7.2 does not support QStartNoAckMode (empty reply), so every packet is acked with
// `+`, a bad checksum is answered `-` (the stub resends), and a `-` from the stub makes us resend.

/// A session with a gdb stub. Not for sharing between tasks.
public final class GDBRemote {
    public let path: String
    /// The bound on each wait for a reply.
    public var timeout: Duration
    /// The bound on `continue` waiting for the CPU to stop.
    public var stopTimeout: Duration
    private let connection: UnixSocketConnection
    private var reader = RSPReader()
    /// How often a packet is resent after `-`, and how many bad checksums in a row are tolerated.
    static let retries = 3

    /// Connects to the stub listening on `path` (retrying while QEMU has not created it yet).
    public init(path: String, timeout: Duration = .seconds(5), stopTimeout: Duration = .seconds(20)) throws(GDBRemoteError) {
        self.path = path
        self.timeout = timeout
        self.stopTimeout = stopTimeout
        connection = try UnixSocketConnection(path: path, timeout: timeout)
    }

    public func close() { connection.close() }

    // MARK: Commands

    /// `?`: why the CPU is stopped.
    public func haltReason() throws(GDBRemoteError) -> StopReply {
        try StopReply(try command("?"), command: "?")
    }

    /// `g`: the core registers.
    public func registers() throws(GDBRemoteError) -> I386Registers {
        try I386Registers(gReply: try checked("g"))
    }

    /// `m addr,len`: `length` bytes of guest memory at the virtual address `address`.
    public func readMemory(_ address: UInt32, length: Int) throws(GDBRemoteError) -> [UInt8] {
        var bytes: [UInt8] = []
        // QEMU's PacketSize is 0x1000 hex digits; stay well under it.
        while bytes.count < length {
            let chunk = min(length - bytes.count, 0x400)
            let request = "m\(hex(address + UInt32(bytes.count))),\(String(chunk, radix: 16))"
            let part = try HexBytes.decode(try checked(request), command: request)
            guard part.count == chunk else {
                throw .unexpectedReply(command: request, reply: "\(part.count) bytes instead of \(chunk)")
            }
            bytes += part
        }
        return bytes
    }

    /// A little-endian 32-bit word of guest memory.
    public func readUInt32(_ address: UInt32) throws(GDBRemoteError) -> UInt32 {
        HexBytes.littleEndianUInt32(try readMemory(address, length: 4), at: 0)
    }

    /// `Z1,addr,1` (hardware) or `Z0,addr,1` (software breakpoint).
    public func setBreakpoint(_ address: UInt32, hardware: Bool = true) throws(GDBRemoteError) {
        try expectOK("Z\(hardware ? 1 : 0),\(hex(address)),1")
    }

    /// `z1,addr,1` / `z0,addr,1`.
    public func removeBreakpoint(_ address: UInt32, hardware: Bool = true) throws(GDBRemoteError) {
        try expectOK("z\(hardware ? 1 : 0),\(hex(address)),1")
    }

    /// `c`: runs until the CPU stops (bounded by `stopTimeout`).
    public func continueExecution() throws(GDBRemoteError) -> StopReply {
        try StopReply(try command("c", waitingFor: "a stop reply to `c`", bound: stopTimeout), command: "c")
    }

    /// `s`: executes one instruction (QEMU's default step masks interrupts and timers, so `int n`
    /// stops at the first instruction of the handler the CPU delivered it to).
    public func step() throws(GDBRemoteError) -> StopReply {
        try StopReply(try command("s", waitingFor: "a stop reply to `s`", bound: stopTimeout), command: "s")
    }

    /// Writes core register `index` (I386Registers.names order; 8 is EIP, an offset in the current
    /// code segment). QEMU 7.2 answers `P` only to a client that read its target XML, so this
    /// reads every register with `g` and writes them back with `G`, the one changed.
    public func writeRegister(_ index: Int, _ value: UInt32) throws(GDBRemoteError) {
        var reply = Array(try checked("g"))
        let start = index * 8
        guard index >= 0, start + 8 <= reply.count else {
            throw .unexpectedReply(command: "g", reply: "\(reply.count / 2) bytes, too few for register \(index)")
        }
        let bytes = withUnsafeBytes(of: value.littleEndian) { Array($0) }
        reply.replaceSubrange(start..<start + 8, with: Array(bytes.map(RSPPacket.hex).joined()))
        try expectOK("G" + String(reply))
    }

    /// Writes a register by its name in `I386Registers.names` ("eax", "eip", ...).
    public func writeRegister(_ name: String, _ value: UInt32) throws(GDBRemoteError) {
        guard let index = I386Registers.names.firstIndex(of: name) else {
            throw .unexpectedReply(command: "P", reply: "no register named \(name)")
        }
        try writeRegister(index, value)
    }

    /// `M addr,len:bytes`: writes guest memory at the virtual address `address`.
    public func writeMemory(_ address: UInt32, _ bytes: [UInt8]) throws(GDBRemoteError) {
        var offset = 0
        while offset < bytes.count {
            let chunk = Array(bytes[offset..<min(bytes.count, offset + 0x400)])
            try expectOK("M\(hex(address + UInt32(offset))),\(String(chunk.count, radix: 16)):" + chunk.map(RSPPacket.hex).joined())
            offset += chunk.count
        }
    }

    /// `qRcmd`: a QEMU monitor command; returns what it printed (the `O` packets).
    public func monitor(_ text: String) throws(GDBRemoteError) -> String {
        let request = "qRcmd," + Array(text.utf8).map(RSPPacket.hex).joined()
        try send(request)
        var output: [UInt8] = []
        while true {
            let reply = try receivePacket(waitingFor: "the reply to `monitor \(text)`", bound: timeout)
            if reply.hasPrefix("O"), reply != "OK" {
                output += try HexBytes.decode(String(reply.dropFirst()), command: request)
                continue
            }
            guard reply == "OK" else { throw .errorReply(command: "monitor \(text)", reply: reply) }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// IDTR, through the monitor (QEMU 7.2's stub has no idtr register; DescriptorTableRegister.swift).
    public func idtr() throws(GDBRemoteError) -> DescriptorTableRegister {
        try DescriptorTableRegister(infoRegisters: try monitor("info registers"), name: "IDT")
    }

    /// IDT entry `vector`, read through IDTR.
    public func idtGate(_ vector: Int) throws(GDBRemoteError) -> IDTGate {
        let idtr = try idtr()
        guard let address = idtr.entryAddress(vector) else {
            throw .unexpectedReply(command: "monitor info registers", reply: "IDT limit 0x\(String(idtr.limit, radix: 16)) ends before vector \(vector)")
        }
        return IDTGate(bytes: try readMemory(address, length: 8))
    }

    /// `k`: QEMU exits. No reply is expected; the connection closes.
    public func kill() throws(GDBRemoteError) {
        try send("k")
        connection.close()
    }

    /// `D`: detach; the guest runs on.
    public func detach() throws(GDBRemoteError) {
        try expectOK("D")
        connection.close()
    }

    // MARK: Packets

    /// Sends `request` and returns the reply's payload.
    public func command(_ request: String, waitingFor what: String? = nil, bound: Duration? = nil) throws(GDBRemoteError) -> String {
        try send(request)
        return try receivePacket(waitingFor: what ?? "the reply to `\(request)`", bound: bound ?? timeout)
    }

    /// A command whose empty or `Enn` reply is an error.
    private func checked(_ request: String) throws(GDBRemoteError) -> String {
        let reply = try command(request)
        if reply.isEmpty || (reply.count == 3 && reply.hasPrefix("E")) { throw .errorReply(command: request, reply: reply) }
        return reply
    }

    private func expectOK(_ request: String) throws(GDBRemoteError) {
        let reply = try command(request)
        guard reply == "OK" else { throw .errorReply(command: request, reply: reply) }
    }

    /// Sends a packet and waits for its `+`, resending on `-`.
    private func send(_ request: String) throws(GDBRemoteError) {
        let framed = RSPPacket.frame(request)
        for _ in 0...Self.retries {
            try connection.send(framed)
            switch try nextItem(waitingFor: "the ack of `\(request)`", bound: timeout) {
            case .ack: return
            case .nack: continue
            case .packet(let payload):
                throw .unexpectedReply(command: request, reply: "a packet before the ack: " + String(decoding: payload, as: UTF8.self))
            case .badChecksum(let expected, let received): throw .badChecksum(expected: expected, received: received)
            }
        }
        throw .rejected(packet: request)
    }

    /// The next packet, acked; a bad checksum is answered `-` and the resend awaited.
    private func receivePacket(waitingFor what: String, bound: Duration) throws(GDBRemoteError) -> String {
        var badChecksums = 0
        while true {
            switch try nextItem(waitingFor: what, bound: bound) {
            case .ack, .nack: continue  // a stray ack
            case .packet(let payload):
                try connection.send([UInt8(ascii: "+")])
                return String(decoding: payload, as: UTF8.self)
            case .badChecksum(let expected, let received):
                try connection.send([UInt8(ascii: "-")])
                badChecksums += 1
                if badChecksums > Self.retries { throw .badChecksum(expected: expected, received: received) }
            }
        }
    }

    private func nextItem(waitingFor what: String, bound: Duration) throws(GDBRemoteError) -> RSPReader.Item {
        let deadline = ContinuousClock.now + bound
        while true {
            if let item = try reader.next() { return item }
            reader.append(try connection.receive(until: deadline, waitingFor: what, bound: bound))
        }
    }

    private func hex(_ value: UInt32) -> String { String(value, radix: 16) }
}
