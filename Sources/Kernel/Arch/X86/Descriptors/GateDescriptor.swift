/// The kind of an IDT gate: the 4-bit type field of the descriptor (Intel SDM Vol. 3A §6.11).
/// POK: e_idte_type, kernel/arch/x86/event.h (where `d = 1` turns 6/7 into 0xE/0xF).
public enum GateType: UInt8, Sendable {
    case task = 0x5
    /// 32-bit interrupt gate: the CPU clears IF on entry.
    case interrupt32 = 0xE
    /// 32-bit trap gate: IF is left as it was.
    case trap32 = 0xF
}

// ANCHOR: gate-descriptor
/// One 8-byte IDT entry, encoded bit for bit as the SDM lays it out (Vol. 3A Figure 6-2):
///
///     bytes 0–1  offset 15:0          bytes 4    zero
///     bytes 2–3  code-segment selector byte 5    P | DPL(2) | 0 | type(4)
///                                     bytes 6–7  offset 31:16
///
/// POK: the idt_entry_t bitfield filled by pok_idt_set_gate, kernel/arch/x86/event.c
public struct GateDescriptor: Equatable, Sendable {
    public var offset: UInt32
    public var selector: UInt16
    public var type: GateType
    public var privilegeLevel: UInt8
    public var present: Bool

    public init(offset: UInt32, selector: UInt16, type: GateType, privilegeLevel: UInt8, present: Bool = true) {
        self.offset = offset
        self.selector = selector
        self.type = type
        self.privilegeLevel = privilegeLevel & 3
        self.present = present
    }

    /// The attribute byte (byte 5): 0x8E is a DPL-0 interrupt gate, 0xEE a DPL-3 one.
    public var attributes: UInt8 {
        (present ? 0x80 : 0) | (privilegeLevel & 3) << 5 | type.rawValue
    }

    /// The descriptor as the CPU reads it from memory (little-endian 64-bit value).
    public var encoded: UInt64 {
        let low = UInt64(offset & 0xFFFF) | UInt64(selector) << 16
        let high = UInt64(attributes) << 8 | UInt64(offset & 0xFFFF_0000)
        return low | high << 32
    }
}
// ANCHOR_END: gate-descriptor
