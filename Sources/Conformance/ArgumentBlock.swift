/// The block EBX points to: a count, then the arguments, each a 32-bit little-endian word.
/// POK: pok_syscall_args_t (kernel and libpok include/core/syscall.h); PR #3's pok_hypercall_args_t
/// has the same layout.
public struct ArgumentBlock: Codable, Sendable, Equatable {
    /// In memory order.
    public var fields: [BlockField]

    public init(fields: [BlockField]) { self.fields = fields }

    /// Bytes from the first field's offset to the end of the last.
    public var size: UInt32 { fields.map { $0.offset + $0.size }.max() ?? 0 }

    /// How many arguments the block can carry: every field but `nargs`.
    public var capacity: UInt32 { UInt32(fields.filter { $0.name != "nargs" }.count) }

    /// `{nargs, arg1 … arg5}`, 4 bytes each: 24 bytes.
    static let pok = ArgumentBlock(fields: ["nargs", "arg1", "arg2", "arg3", "arg4", "arg5"].enumerated().map {
        BlockField(name: $0.element, offset: UInt32($0.offset) * 4, size: 4)
    })

    enum CodingKeys: String, CodingKey { case fields, size, capacity }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fields = try c.decode([BlockField].self, forKey: .fields)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fields, forKey: .fields)
        try c.encode(size, forKey: .size)
        try c.encode(capacity, forKey: .capacity)
    }
}

/// One 32-bit word of the block.
public struct BlockField: Codable, Sendable, Equatable {
    public var name: String
    /// Bytes from the block's start.
    public var offset: UInt32
    public var size: UInt32

    public init(name: String, offset: UInt32, size: UInt32) {
        self.name = name
        self.offset = offset
        self.size = size
    }
}
