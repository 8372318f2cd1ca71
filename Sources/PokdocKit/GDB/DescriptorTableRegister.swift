// IDTR (and GDTR) from outside the guest. QEMU 7.2's i386 stub does not expose them as registers:
// its target description (qXfer:features:read i386-32bit.xml) holds org.gnu.gdb.i386.core with
// eax..gs, segment bases, cr0-cr8, efer, x87 and org.gnu.gdb.i386.32bit.sse, and no idtr/gdtr.
// Its monitor does: `qRcmd` runs a monitor command, and `info registers` prints
// `IDT=     000c9000 000007ff` (base, limit), lines ending in "\r\n". Checked on QEMU 7.2.

/// A descriptor-table register: where the table is and its limit (size − 1).
public struct DescriptorTableRegister: Equatable, Sendable {
    public var base: UInt32
    public var limit: UInt16

    public init(base: UInt32, limit: UInt16) {
        self.base = base
        self.limit = limit
    }

    /// The `NAME=     base limit` line of QEMU's `info registers`, e.g. name "IDT".
    public init(infoRegisters text: String, name: String) throws(GDBRemoteError) {
        let marker = "\(name)="
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix(marker) }) else {
            throw .unexpectedReply(command: "monitor info registers", reply: "no \(marker) line in: \(text.prefix(200))")
        }
        let words = line.dropFirst(marker.count).split(separator: " ")
        guard words.count >= 2, let base = UInt32(words[0], radix: 16), let limit = UInt32(words[1], radix: 16),
              limit <= UInt32(UInt16.max)
        else { throw .unexpectedReply(command: "monitor info registers", reply: String(line)) }
        self.init(base: base, limit: UInt16(limit))
    }

    /// Where IDT entry `vector` lies (8 bytes each in protected mode), or nil past the limit.
    public func entryAddress(_ vector: Int) -> UInt32? {
        let offset = vector * 8
        return offset + 7 <= Int(limit) ? base + UInt32(offset) : nil
    }
}

/// One 8-byte protected-mode IDT entry.
public struct IDTGate: Equatable, Sendable {
    public var offset: UInt32
    public var selector: UInt16
    /// The type/attributes byte: P, DPL, type (0x8e a DPL-0 interrupt gate, 0xee DPL 3).
    public var attributes: UInt8

    public init(bytes: [UInt8]) {
        offset = UInt32(HexBytes.littleEndianUInt16(bytes, at: 0)) | UInt32(HexBytes.littleEndianUInt16(bytes, at: 6)) << 16
        selector = HexBytes.littleEndianUInt16(bytes, at: 2)
        attributes = bytes[5]
    }
}
