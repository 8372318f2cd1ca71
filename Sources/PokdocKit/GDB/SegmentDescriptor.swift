// An 8-byte GDT segment descriptor, as read from guest memory through GDTR: where a partition's
// segment starts, so that an offset it passed (e.g. an argument-block pointer in EBX) can be
// turned into the address the stub reads.

/// The base and limit of a GDT segment descriptor.
public struct SegmentDescriptor: Equatable, Sendable {
    public var base: UInt32
    /// In bytes (the granularity bit applied).
    public var limit: UInt32

    public init(bytes: [UInt8]) {
        base = UInt32(bytes[2]) | UInt32(bytes[3]) << 8 | UInt32(bytes[4]) << 16 | UInt32(bytes[7]) << 24
        let raw = UInt32(HexBytes.littleEndianUInt16(bytes, at: 0)) | UInt32(bytes[6] & 0x0f) << 16
        limit = bytes[6] & 0x80 != 0 ? raw << 12 | 0xfff : raw
    }
}

extension GDBRemote {
    /// GDTR, through the monitor (like IDTR: QEMU 7.2's stub has no register for it).
    public func gdtr() throws(GDBRemoteError) -> DescriptorTableRegister {
        try DescriptorTableRegister(infoRegisters: try monitor("info registers"), name: "GDT")
    }

    /// The GDT descriptor that `selector` names.
    public func segment(_ selector: UInt32) throws(GDBRemoteError) -> SegmentDescriptor {
        let gdtr = try gdtr()
        let index = Int(selector >> 3)
        guard selector & 4 == 0, let address = gdtr.entryAddress(index) else {
            throw .unexpectedReply(command: "monitor info registers", reply: "selector 0x\(String(selector, radix: 16)) is not in the GDT (limit 0x\(String(gdtr.limit, radix: 16)))")
        }
        return SegmentDescriptor(bytes: try readMemory(address, length: 8))
    }
}
