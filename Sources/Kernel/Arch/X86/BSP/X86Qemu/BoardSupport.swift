/// The board support package of the `x86-qemu` board (and the devices `x86-qemu-vmm` shares).
/// POK: kernel/arch/x86/x86-qemu/bsp.c
enum BoardSupport {
    #if POK_NEEDS_X86_VMM
    static let name: StaticString = "x86-qemu-vmm"
    #else
    static let name: StaticString = "x86-qemu"
    #endif

    /// POK: pok_bsp_init
    static func initialize() {
        Console.initialize()
        PIC.initialize()
    }

    /// Routes a PIC line to its vector and opens it.
    /// POK: pok_bsp_irq_register
    static func registerIRQ(_ line: UInt8) {
        archEventRegister(vector: PIC.masterVectorBase + line, stub: .irq(line))
        PIC.unmask(line)
    }

    /// POK: pok_bsp_irq_acknowledge
    static func acknowledgeIRQ(_ line: UInt8) { PIC.endOfInterrupt(line) }
}

/// What runs when a PIC line fires: the registered handler (POK's per-IRQ handler functions).
enum BoardInterrupts {
    static func handle(line: UInt8, frame: UnsafeMutablePointer<InterruptFrame>) {
        BoardSupport.acknowledgeIRQ(line)
        if line == PIT.irqLine { Time.clockInterrupt() }
    }
}
