/// One soft-interrupt gate: where it is in the IDT and how its descriptor must look.
/// POK: pok_idt_set_gate (kernel/arch/x86/event.c); Intel SDM vol. 3, 6.11 and 6.12.1.
public struct Gate: Codable, Sendable, Equatable {
    /// The IDT vector a partition's `int` names (POK_SYSCALL_INT_NUMBER, POK_HYPERCALL_INT_NUMBER).
    public var vector: UInt8
    /// The gate kind, as the course names it: "interrupt32" (type 0xE, IF cleared) or "trap32" (0xF).
    public var type: String
    /// The descriptor's 4-bit type field.
    public var typeField: UInt8
    /// The descriptor privilege level: 3, so a CPL-3 `int` may use the gate.
    public var dpl: UInt8
    /// The code segment the handler runs in: the kernel code segment, GDT index 1 (0x08).
    public var selector: UInt16

    public init(vector: UInt8, type: String, typeField: UInt8, dpl: UInt8, selector: UInt16) {
        self.vector = vector
        self.type = type
        self.typeField = typeField
        self.dpl = dpl
        self.selector = selector
    }

    /// Byte 5 of the descriptor: P = 1, DPL, S = 0, type.
    public var attributeByte: UInt8 { 0x80 | (dpl & 3) << 5 | (typeField & 0x0F) }

    /// The #GP error code a CPL-3 `int` gets when the gate is absent or its DPL is below 3:
    /// the vector as an IDT selector, vector·8 + 2 (IDT bit set).
    public var privilegeFaultErrorCode: UInt32 { UInt32(vector) * 8 + 2 }

    /// The 32-bit interrupt gate, DPL 3, in the kernel code segment, that both POK gates are.
    static func pokSoftInterrupt(_ vector: UInt8) -> Gate {
        Gate(vector: vector, type: "interrupt32", typeField: 0xE, dpl: 3, selector: 0x08)
    }

    // The derived values are exported too, so a reader of the JSON need not know how they follow.
    enum CodingKeys: String, CodingKey {
        case vector, type, typeField, dpl, selector, attributeByte, privilegeFaultErrorCode
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(vector: try c.decode(UInt8.self, forKey: .vector), type: try c.decode(String.self, forKey: .type),
                  typeField: try c.decode(UInt8.self, forKey: .typeField), dpl: try c.decode(UInt8.self, forKey: .dpl),
                  selector: try c.decode(UInt16.self, forKey: .selector))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(vector, forKey: .vector)
        try c.encode(type, forKey: .type)
        try c.encode(typeField, forKey: .typeField)
        try c.encode(dpl, forKey: .dpl)
        try c.encode(selector, forKey: .selector)
        try c.encode(attributeByte, forKey: .attributeByte)
        try c.encode(privilegeFaultErrorCode, forKey: .privilegeFaultErrorCode)
    }
}
