// The i386 register file as QEMU's stub sends it in reply to `g`: the order of
// org.gnu.gdb.i386.core (eax ecx edx ebx esp ebp esi edi eip eflags cs ss ds es fs gs), each a
// 32-bit little-endian value in 8 hex digits. QEMU 7.2 appends more (segment bases, control,
// x87, SSE registers); only the first 16 are read here.

/// The general, instruction-pointer, flag and segment registers of an i386 CPU.
public struct I386Registers: Equatable, Sendable {
    public static let names = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                               "eip", "eflags", "cs", "ss", "ds", "es", "fs", "gs"]
    /// In `names` order.
    public var values: [UInt32]

    public var eax: UInt32 { values[0] }
    public var ecx: UInt32 { values[1] }
    public var edx: UInt32 { values[2] }
    public var ebx: UInt32 { values[3] }
    public var esp: UInt32 { values[4] }
    public var ebp: UInt32 { values[5] }
    public var esi: UInt32 { values[6] }
    public var edi: UInt32 { values[7] }
    public var eip: UInt32 { values[8] }
    public var eflags: UInt32 { values[9] }
    public var cs: UInt32 { values[10] }
    public var ss: UInt32 { values[11] }
    public var ds: UInt32 { values[12] }
    public var es: UInt32 { values[13] }
    public var fs: UInt32 { values[14] }
    public var gs: UInt32 { values[15] }

    public subscript(name: String) -> UInt32? { Self.names.firstIndex(of: name).map { values[$0] } }

    /// Parses a `g` reply.
    public init(gReply reply: String) throws(GDBRemoteError) {
        let bytes = try HexBytes.decode(reply, command: "g")
        guard bytes.count >= 4 * Self.names.count else {
            throw .unexpectedReply(command: "g", reply: "\(bytes.count) bytes, fewer than the \(4 * Self.names.count) of the i386 core registers")
        }
        values = (0..<Self.names.count).map { HexBytes.littleEndianUInt32(bytes, at: 4 * $0) }
    }
}

/// Hex text ↔ bytes, as RSP carries binary data.
public enum HexBytes {
    public static func decode(_ text: String, command: String) throws(GDBRemoteError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { throw .unexpectedReply(command: command, reply: "odd number of hex digits: \(text)") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            // QEMU sends "xx" for registers it cannot read; none of the core ones.
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw .unexpectedReply(command: command, reply: "not hex at offset \(index): \(text)")
            }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }

    public static func littleEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    public static func littleEndianUInt16(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }
}
