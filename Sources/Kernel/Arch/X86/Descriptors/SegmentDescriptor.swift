/// One 8-byte GDT entry (Intel SDM Vol. 3A §3.4.5). Limits are byte-granular up to 1 MiB and
/// page-granular above. POK: gdt_entry_t and gdt_set_segment, kernel/arch/x86/gdt.c
public struct SegmentDescriptor: Equatable, Sendable {
    /// The 4-bit type with the S (code/data) bit: POK's GDTE_CODE 0xB, GDTE_DATA 0x3, GDTE_TSS 0x9.
    public enum Kind: UInt8, Sendable {
        case code = 0x1A          // S=1, execute/read, accessed clear
        case data = 0x12          // S=1, read/write
        case availableTSS = 0x09  // S=0, 32-bit TSS (available)
    }

    public var base: UInt32
    public var limit: UInt32
    public var kind: Kind
    public var privilegeLevel: UInt8

    public init(base: UInt32, limit: UInt32, kind: Kind, privilegeLevel: UInt8) {
        self.base = base
        self.limit = limit
        self.kind = kind
        self.privilegeLevel = privilegeLevel & 3
    }

    public var encoded: UInt64 {
        let pageGranular = limit > 0xF_FFFF
        let scaledLimit = pageGranular ? limit >> 12 : limit
        let access = 0x80 | UInt64(privilegeLevel) << 5 | UInt64(kind.rawValue)
        // Flags nibble: G (4 KiB granularity) and D/B (32-bit) for code and data.
        let flags: UInt64 = (pageGranular ? 0x8 : 0) | (kind == .availableTSS ? 0 : 0x4)
        var value = UInt64(scaledLimit & 0xFFFF)
        value |= UInt64(base & 0xFF_FFFF) << 16
        value |= access << 40
        value |= UInt64((scaledLimit >> 16) & 0xF) << 48
        value |= flags << 52
        value |= UInt64(base >> 24) << 56
        return value
    }

    public static let null: UInt64 = 0
}
