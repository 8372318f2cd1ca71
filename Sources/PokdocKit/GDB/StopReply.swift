// What the stub says when the CPU stops: `S nn` or `T nn name:value;...` (a signal number,
// then register and thread values), `W nn` / `X nn` when the target is gone.

/// A stop reply to `?` or `c`.
public enum StopReply: Equatable, Sendable {
    /// The CPU stopped with signal `signal` (5, SIGTRAP, at a breakpoint).
    case stopped(signal: UInt8, info: [String: String])
    /// The target exited (`W`) or was killed (`X`).
    case exited(String)

    public init(_ reply: String, command: String) throws(GDBRemoteError) {
        guard let kind = reply.first else { throw .errorReply(command: command, reply: reply) }
        switch kind {
        case "S", "T":
            guard reply.count >= 3, let signal = UInt8(reply.dropFirst().prefix(2), radix: 16) else {
                throw .unexpectedReply(command: command, reply: reply)
            }
            var info: [String: String] = [:]
            for pair in reply.dropFirst(3).split(separator: ";") {
                let parts = pair.split(separator: ":", maxSplits: 1)
                if parts.count == 2 { info[String(parts[0])] = String(parts[1]) }
            }
            self = .stopped(signal: signal, info: info)
        case "W", "X":
            self = .exited(reply)
        default:
            throw .unexpectedReply(command: command, reply: reply)
        }
    }
}
