/// The two 8259A interrupt controllers, remapped so IRQ 0–15 arrive on vectors 32–47 instead
/// of colliding with CPU exceptions 8–15.
/// POK: pok_pic_init / pok_pic_mask / pok_pic_unmask / pok_pic_eoi, kernel/arch/x86/x86-qemu/pic.c
enum PIC {
    static let masterCommand: UInt16 = 0x20
    static let masterData: UInt16 = 0x21
    static let slaveCommand: UInt16 = 0xA0
    static let slaveData: UInt16 = 0xA1
    static let masterVectorBase: UInt8 = 0x20
    static let slaveVectorBase: UInt8 = 0x28

    // ANCHOR: pic-init
    static func initialize() {
        Hardware.outb(masterCommand, 0x11)            // ICW1: edge, cascade, ICW4 follows
        Hardware.outb(slaveCommand, 0x11)
        Hardware.outb(masterData, masterVectorBase)   // ICW2: IRQ 0–7  → vectors 32–39
        Hardware.outb(slaveData, slaveVectorBase)     // ICW2: IRQ 8–15 → vectors 40–47
        Hardware.outb(masterData, 0x04)               // ICW3: slave on IRQ 2
        Hardware.outb(slaveData, 0x02)
        Hardware.outb(masterData, 0x01)               // ICW4: 8086 mode
        Hardware.outb(slaveData, 0x01)
        Hardware.outb(masterData, 0xFB)               // every line masked but the cascade
        Hardware.outb(slaveData, 0xFF)
    }
    // ANCHOR_END: pic-init

    static func unmask(_ line: UInt8) {
        if line < 8 {
            Hardware.outb(masterData, Hardware.inb(masterData) & ~(1 << line))
        } else {
            Hardware.outb(slaveData, Hardware.inb(slaveData) & ~(1 << (line - 8)))
        }
    }

    static func endOfInterrupt(_ line: UInt8) {
        if line >= 8 { Hardware.outb(slaveCommand, 0x20) }
        Hardware.outb(masterCommand, 0x20)
    }
}
