/// The interrupt descriptor table: 256 gates in kernel memory, loaded with `lidt`.
/// POK: pok_idt, kernel/arch/x86/event.c
enum IDT {
    nonisolated(unsafe) static var entries = InlineArray<256, UInt64>(repeating: 0)

    static var baseAddress: UInt {
        withUnsafePointer(to: &entries) { UInt(bitPattern: $0) }
    }

    // ANCHOR: idt-init
    /// Clears every gate (P = 0) and points IDTR at the table.
    /// POK: pok_idt_init, kernel/arch/x86/event.c
    static func initialize() {
        for vector in 0..<256 { entries[vector] = 0 }
        Hardware.loadIDT(base: baseAddress, limit: UInt16(256 * 8 - 1))
    }
    // ANCHOR_END: idt-init

    // ANCHOR: idt-set-gate
    /// Writes one gate whose handler is an entry stub in the kernel code segment.
    /// POK: pok_idt_set_gate, kernel/arch/x86/event.c
    static func setGate(_ vector: UInt8, stub: EntryStubID, type: GateType, privilegeLevel: UInt8) {
        let gate = GateDescriptor(
            offset: Hardware.entryStubAddress(stub),
            selector: Selector.kernelCode,
            type: type,
            privilegeLevel: privilegeLevel)
        entries[Int(vector)] = gate.encoded
    }
    // ANCHOR_END: idt-set-gate

    /// Prints every present gate of the live table (for the no-influence proof of Chapter 3):
    /// `[idt] vector 42 selector 0x8 attributes 0xee offset 0x101040`.
    static func dump() {
        for vector in 0..<256 where entries[vector] & (1 << 47) != 0 {
            let descriptor = entries[vector]
            Console.write("[idt] vector ")
            Console.writeDecimal(UInt32(vector))
            Console.write(" selector ")
            Console.writeHex(UInt32((descriptor >> 16) & 0xFFFF))
            Console.write(" attributes ")
            Console.writeHex(UInt32((descriptor >> 40) & 0xFF))
            Console.write(" offset ")
            Console.writeHex(UInt32(descriptor & 0xFFFF) | UInt32((descriptor >> 32) & 0xFFFF_0000))
            Console.newline()
        }
    }

    /// One line for what event init left in the table, in vector order, runs of gates with the
    /// same DPL together: `[event] IDT gates: 0–19 DPL 0, 42 DPL 3`.
    static func summarize() {
        Console.write("[event] IDT gates:")
        var vector = 0
        var first = true
        while vector < 256 {
            guard entries[vector] & (1 << 47) != 0 else { vector += 1; continue }
            let dpl = (entries[vector] >> 45) & 3
            var last = vector
            while last + 1 < 256, entries[last + 1] & (1 << 47) != 0, (entries[last + 1] >> 45) & 3 == dpl { last += 1 }
            Console.write(first ? " " : ", ")
            first = false
            Console.writeDecimal(UInt32(vector))
            if last != vector {
                Console.write("–")
                Console.writeDecimal(UInt32(last))
            }
            Console.write(" DPL ")
            Console.writeDecimal(UInt32(dpl))
            vector = last + 1
        }
        Console.newline()
    }

    /// The gate at `vector` as the kernel wrote it.
    static func gate(_ vector: UInt8) -> UInt64 { entries[Int(vector)] }
}
