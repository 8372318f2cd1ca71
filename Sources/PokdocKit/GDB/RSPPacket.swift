// The framing of the GDB Remote Serial Protocol: `$payload#cc`, where cc is the modulo-256 sum
// of the payload bytes in two lowercase hex digits; `}` escapes `$ # } *` (the byte XOR 0x20);
// `*` run-length encodes the byte before it (the next byte minus 29 is the repeat count).
// Reference: GDB manual, "Overview" of Appendix E, Remote Protocol.

/// One RSP packet's payload, and how it travels.
public enum RSPPacket {
    /// The modulo-256 sum of `bytes`.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        bytes.reduce(0) { $0 &+ $1 }
    }

    /// `$payload#cc`, with the bytes that need it escaped.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var body: [UInt8] = []
        for byte in payload {
            if [UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "}"), UInt8(ascii: "*")].contains(byte) {
                body += [UInt8(ascii: "}"), byte ^ 0x20]
            } else {
                body.append(byte)
            }
        }
        return [UInt8(ascii: "$")] + body + [UInt8(ascii: "#")] + Array(hex(checksum(body)).utf8)
    }

    public static func frame(_ payload: String) -> [UInt8] { frame(Array(payload.utf8)) }

    /// The payload of a packet's body (between `$` and `#`): escapes and run lengths undone.
    public static func decode(body: [UInt8]) throws(GDBRemoteError) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < body.count {
            let byte = body[index]
            switch byte {
            case UInt8(ascii: "}"):
                guard index + 1 < body.count else { throw .malformedPacket("escape `}` at the end of the packet") }
                out.append(body[index + 1] ^ 0x20)
                index += 2
            case UInt8(ascii: "*"):
                guard let last = out.last else { throw .malformedPacket("run length `*` with no byte before it") }
                guard index + 1 < body.count else { throw .malformedPacket("run length `*` at the end of the packet") }
                let count = Int(body[index + 1]) - 29
                guard count >= 0 else { throw .malformedPacket("run length byte 0x\(hex(body[index + 1])) is below 29") }
                out += Array(repeating: last, count: count)
                index += 2
            default:
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xf)]])
    }
}

/// Cuts the byte stream from a stub into acks and packets.
public struct RSPReader: Sendable {
    /// What the stream held next.
    public enum Item: Equatable, Sendable {
        case ack
        case nack
        /// A packet whose checksum matched; its payload is decoded.
        case packet([UInt8])
        /// A packet whose checksum did not match: the reader answers `-` and the stub resends.
        case badChecksum(expected: UInt8, received: String)
    }

    private var buffer: [UInt8] = []

    public init() {}

    public mutating func append(_ bytes: [UInt8]) { buffer += bytes }

    /// The next complete item, or nil until more bytes arrive. Bytes before a `$`, `+` or `-`
    /// (line noise) are dropped.
    public mutating func next() throws(GDBRemoteError) -> Item? {
        while let first = buffer.first {
            switch first {
            case UInt8(ascii: "+"): buffer.removeFirst(); return .ack
            case UInt8(ascii: "-"): buffer.removeFirst(); return .nack
            case UInt8(ascii: "$"):
                guard let hash = buffer.firstIndex(of: UInt8(ascii: "#")), hash + 2 < buffer.count else { return nil }
                let body = Array(buffer[1..<hash])
                let received = String(decoding: buffer[(hash + 1)...(hash + 2)], as: UTF8.self)
                buffer.removeFirst(hash + 3)
                let expected = RSPPacket.checksum(body)
                guard UInt8(received, radix: 16) == expected else {
                    return .badChecksum(expected: expected, received: received)
                }
                return .packet(try RSPPacket.decode(body: body))
            default:
                buffer.removeFirst()
            }
        }
        return nil
    }
}
