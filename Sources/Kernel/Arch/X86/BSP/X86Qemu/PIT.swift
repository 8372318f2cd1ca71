/// Channel 0 of the 8254 timer on IRQ 0 (vector 32): the kernel's clock.
/// POK: pok_x86_qemu_timer_init, kernel/arch/x86/x86-qemu/pit.c
enum PIT {
    static let oscillatorHz: UInt32 = 1_193_182
    /// POK's scheduling quantum is 1 kHz; we tick at that rate.
    static let frequencyHz: UInt32 = 1000
    static let irqLine: UInt8 = 0

    // ANCHOR: pit-init
    static func initialize() {
        let divisor = oscillatorHz / frequencyHz
        Hardware.outb(0x43, 0x34)                             // channel 0, lo/hi byte, rate generator
        Hardware.outb(0x40, UInt8(truncatingIfNeeded: divisor))
        Hardware.outb(0x40, UInt8(truncatingIfNeeded: divisor >> 8))
        BoardSupport.registerIRQ(irqLine)
        Console.write("[time] PIT channel 0 at ")
        Console.writeDecimal(frequencyHz)
        Console.write(" Hz on IRQ 0, vector 32\n")
    }
    // ANCHOR_END: pit-init
}
