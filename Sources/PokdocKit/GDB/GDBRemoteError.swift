// Everything that can go wrong talking to a gdb stub, each with what was being done.

/// A failure of the GDB remote protocol client. Every case says what it was waiting for.
public enum GDBRemoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The socket could not be opened or reached within the bound.
    case connect(path: String, reason: String)
    /// Nothing (or not enough) arrived within the bound.
    case timeout(waitingFor: String, after: Duration)
    /// The stub closed the connection.
    case closed(waitingFor: String)
    /// A system call on the socket failed.
    case io(String)
    /// A packet that breaks the framing rules.
    case malformedPacket(String)
    /// The stub kept sending packets whose checksum did not match.
    case badChecksum(expected: UInt8, received: String)
    /// The stub refused our packet (`-`) too many times.
    case rejected(packet: String)
    /// The stub answered `Enn` (or an empty, unsupported reply) to a command.
    case errorReply(command: String, reply: String)
    /// A reply whose contents do not have the expected shape.
    case unexpectedReply(command: String, reply: String)

    public var description: String {
        switch self {
        case .connect(let path, let reason): "gdb stub: cannot connect to \(path): \(reason)"
        case .timeout(let what, let after): "gdb stub: nothing arrived within \(after) while waiting for \(what)"
        case .closed(let what): "gdb stub: the connection closed while waiting for \(what)"
        case .io(let what): "gdb stub: \(what)"
        case .malformedPacket(let why): "gdb stub: malformed packet: \(why)"
        case .badChecksum(let expected, let received):
            "gdb stub: packet checksum \(received) does not match the payload's sum \(RSPPacket.hex(expected)) (RSP framing: modulo-256 sum)"
        case .rejected(let packet): "gdb stub: the stub rejected `\(packet)` (nack) repeatedly"
        case .errorReply(let command, let reply):
            reply.isEmpty ? "gdb stub: `\(command)` is not supported (empty reply)" : "gdb stub: `\(command)` failed: \(reply)"
        case .unexpectedReply(let command, let reply): "gdb stub: unexpected reply to `\(command)`: \(reply.prefix(200))"
        }
    }
}
