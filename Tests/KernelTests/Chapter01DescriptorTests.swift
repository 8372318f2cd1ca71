// Chapter 1: the 8-byte descriptors the CPU reads (IDT gates, GDT segments, the TSS descriptor),
// checked against the byte layouts of the Intel SDM, and independently decoded by the model.
@testable import Kernel
import I386HostModel
import Testing

extension HostKernel {
    @Suite("Chapter 1 — gate and segment descriptors")
    struct Chapter01Descriptors {
        /// Little-endian bytes of a descriptor, byte 0 first, as they lie in memory.
        static func bytes(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

        // SDM Vol. 3A §6.11 Fig. 6-2: byte 5 = P | DPL | 0 | type; interrupt gate type 0xE,
        // trap gate 0xF (hypervisor-abis.md §5.1 table).
        @Test("Gate attribute byte is 0x8E/0xEE for interrupt gates and 0x8F/0xEF for trap gates",
              arguments: [
                  (GateType.interrupt32, UInt8(0), UInt8(0x8E)),
                  (GateType.interrupt32, UInt8(3), UInt8(0xEE)),
                  (GateType.trap32, UInt8(0), UInt8(0x8F)),
                  (GateType.trap32, UInt8(3), UInt8(0xEF)),
                  (GateType.task, UInt8(0), UInt8(0x85)),
                  (GateType.task, UInt8(3), UInt8(0xE5)),
              ])
        func gateAttributeBytes(type: GateType, dpl: UInt8, expected: UInt8) {
            let gate = GateDescriptor(offset: 0x0010_1240, selector: 0x08, type: type, privilegeLevel: dpl)
            #expect(gate.attributes == expected,
                    "a present \(type) gate with DPL \(dpl) must have attribute byte \(String.hex(expected)) (P=1, DPL in bits 6:5, S=0, type in bits 3:0), got \(String.hex(gate.attributes))")
            #expect(Self.bytes(gate.encoded)[5] == expected,
                    "the attribute byte must sit in byte 5 of the descriptor (SDM Fig. 6-2)")
        }

        // SDM Fig. 6-2: offset 15:0 in bytes 0–1, selector in 2–3, byte 4 zero, offset 31:16 in 6–7.
        @Test("Gate descriptor bytes: offset in bytes 0–1 and 6–7, selector in 2–3, byte 4 zero")
        func gateByteLayout() {
            let gate = GateDescriptor(offset: 0x1234_5678, selector: 0x0008, type: .interrupt32, privilegeLevel: 3)
            let bytes = Self.bytes(gate.encoded)
            #expect(bytes == [0x78, 0x56, 0x08, 0x00, 0x00, 0xEE, 0x34, 0x12],
                    "offset 0x12345678 must be split: 78 56 in bytes 0–1 and 34 12 in bytes 6–7; selector 0x08 in bytes 2–3; byte 4 zero; got \(bytes.map { String.hex($0) })")
        }

        // The P bit (bit 7 of byte 5) is the only difference between a present and an absent gate.
        @Test("A not-present gate differs from a present one only in the P bit")
        func notPresentGate() {
            let present = GateDescriptor(offset: 0xDEAD_BEEF, selector: 0x08, type: .interrupt32, privilegeLevel: 3)
            var absent = present
            absent.present = false
            #expect(absent.attributes == 0x6E, "P=0, DPL 3, interrupt gate is 0x6E; got \(String.hex(absent.attributes))")
            #expect(present.encoded ^ absent.encoded == UInt64(0x80) << 40,
                    "clearing P must flip exactly bit 47 (byte 5, bit 7) of the descriptor")
            #expect(!GateView(absent.encoded).present)
        }

        // The model's GateView reads the bytes as the CPU does, written independently of the encoder.
        @Test("GateView decodes every field GateDescriptor encodes (1000 random gates)")
        func gateRoundTrip() {
            var rng = SeededGenerator(seed: 0x1DE7)
            let types: [GateType] = [.interrupt32, .trap32, .task]
            for _ in 0..<1000 {
                let offset = UInt32.random(in: .min ... .max, using: &rng)
                let selector = UInt16.random(in: .min ... .max, using: &rng)
                let dpl = UInt8.random(in: 0...3, using: &rng)
                let type = types.randomElement(using: &rng)!
                let present = Bool.random(using: &rng)
                let gate = GateDescriptor(offset: offset, selector: selector, type: type, privilegeLevel: dpl, present: present)
                let view = GateView(gate.encoded)
                #expect(view.offset == offset, "offset \(String.hex(offset)) came back as \(String.hex(view.offset))")
                #expect(view.selector == selector, "selector \(String.hex(selector)) came back as \(String.hex(view.selector))")
                #expect(view.dpl == dpl, "DPL \(dpl) came back as \(view.dpl)")
                #expect(view.present == present, "P=\(present) came back as \(view.present)")
                #expect(view.reservedByte == 0, "byte 4 must stay zero")
                #expect(view.isInterruptGate == (type == .interrupt32) && view.isTrapGate == (type == .trap32)
                        && view.isTaskGate == (type == .task), "the type \(type) did not survive the round trip")
                #expect(view.attributeByte == gate.attributes)
            }
        }

        // SDM Vol. 3A §3.4.5: flat 4 GiB, G=1, D/B=1, P=1, DPL 0; code type 0xA (execute/read), data 0x2.
        @Test("Flat 4 GiB kernel segments encode as 0x00CF9A000000FFFF (code) and 0x00CF92000000FFFF (data)")
        func flatSegments() {
            let code = SegmentDescriptor(base: 0, limit: 0xFFFF_FFFF, kind: .code, privilegeLevel: 0).encoded
            let data = SegmentDescriptor(base: 0, limit: 0xFFFF_FFFF, kind: .data, privilegeLevel: 0).encoded
            #expect(code == 0x00CF_9A00_0000_FFFF, "flat kernel code must be 0x00CF9A000000FFFF, got \(String.hex(code))")
            #expect(data == 0x00CF_9200_0000_FFFF, "flat kernel data must be 0x00CF92000000FFFF, got \(String.hex(data))")
        }

        // A 1 MiB limit fits in 20 bits: byte granularity (G=0), limit 0xFFFFF; DPL 3 → access 0xFA / 0xF2.
        @Test("A 1 MiB DPL-3 partition segment at 4 MiB is byte-granular with access bytes 0xFA/0xF2")
        func partitionSegments() {
            let code = SegmentDescriptor(base: 0x0040_0000, limit: 0xF_FFFF, kind: .code, privilegeLevel: 3).encoded
            let data = SegmentDescriptor(base: 0x0040_0000, limit: 0xF_FFFF, kind: .data, privilegeLevel: 3).encoded
            #expect(code == 0x004F_FA40_0000_FFFF, "1 MiB DPL-3 code at 0x400000 must be 0x004FFA400000FFFF, got \(String.hex(code))")
            #expect(data == 0x004F_F240_0000_FFFF, "1 MiB DPL-3 data at 0x400000 must be 0x004FF2400000FFFF, got \(String.hex(data))")
            let base = UInt32(0x89AB_CDEF)
            let spread = SegmentDescriptor(base: base, limit: 0xFFF, kind: .data, privilegeLevel: 3).encoded
            #expect(Self.bytes(spread)[2...4] == [0xEF, 0xCD, 0xAB] && Self.bytes(spread)[7] == 0x89,
                    "the base is split: bits 23:0 in bytes 2–4, bits 31:24 in byte 7")
        }

        // SDM Vol. 3A §8.2.2: a 32-bit available TSS is a system descriptor (S=0) of type 9 → access 0x89.
        @Test("TSS descriptor has access byte 0x89 and a byte-granular limit of 103")
        func taskStateDescriptor() {
            let tss = SegmentDescriptor(base: 0x0012_3456, limit: 103, kind: .availableTSS, privilegeLevel: 0).encoded
            let bytes = Self.bytes(tss)
            #expect(bytes[5] == 0x89, "a 32-bit available TSS has access byte 0x89 (P=1, DPL 0, S=0, type 9), got \(String.hex(bytes[5]))")
            #expect(bytes[0] == 103 && bytes[1] == 0 && bytes[6] == 0,
                    "a TSS limit of 103 bytes needs G=0 and no D/B flag: byte 6 must be 0, got \(String.hex(bytes[6]))")
        }

        // POK gdt.h (2014 layout): null, kernel code 0x08, kernel data 0x10, TSS 0x18, then
        // partition n code (4+2n) and data (5+2n) with RPL 3.
        @Test("The booted GDT holds flat kernel segments, the TSS and partition 0's DPL-3 segments")
        func bootedGDT() {
            HostWorld.boot()
            #expect(GDT.entries[0] == 0, "GDT entry 0 must be the null descriptor")
            #expect(GDT.entries[1] == 0x00CF_9A00_0000_FFFF, "selector 0x08 must be flat kernel code")
            #expect(GDT.entries[2] == 0x00CF_9200_0000_FFFF, "selector 0x10 must be flat kernel data")
            #expect(Self.bytes(GDT.entries[3])[5] == 0x89, "selector 0x18 must be the TSS (access byte 0x89)")
            let size = HostWorld.partitionSize
            let base = UInt32(truncatingIfNeeded: HostWorld.partition.baseAddress)
            #expect(GDT.entries[4] == SegmentDescriptor(base: base, limit: size - 1, kind: .code, privilegeLevel: 3).encoded,
                    "entry 4 must be partition 0's code segment: base = its memory, limit = size - 1, DPL 3")
            #expect(GDT.entries[5] == SegmentDescriptor(base: base, limit: size - 1, kind: .data, privilegeLevel: 3).encoded,
                    "entry 5 must be partition 0's data segment")
            #expect((GDT.entries[4] >> 45) & 3 == 3 && (GDT.entries[5] >> 45) & 3 == 3,
                    "partition segments must have DPL 3, or CPL-3 code could not use them")
            #expect(Selector.partitionCode(0) == 0x23 && Selector.partitionData(0) == 0x2B,
                    "partition 0's selectors are index 4 and 5 with RPL 3: 0x23 and 0x2B")
            #expect(GDT.taskState[2] == 0x10, "the TSS's SS0 must be the kernel data selector 0x10")
        }
    }
}
