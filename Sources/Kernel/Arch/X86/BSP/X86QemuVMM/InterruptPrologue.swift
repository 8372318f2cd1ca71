#if POK_NEEDS_X86_VMM
// ANCHOR: interrupt-prologue
/// The VMM's view of hardware interrupts: every PIC line registered on this board enters through
/// its prologue, which records the vector and then runs the line's handler (POK's meta-handler).
/// POK: interrupt_prologue.S and _C_isr_handler's handler table, x86-qemu-vmm/bsp.c (PR #3)
enum InterruptPrologue {
    nonisolated(unsafe) static var installed = InlineArray<16, Bool>(repeating: false)
    nonisolated(unsafe) static var seen = InlineArray<16, UInt32>(repeating: 0)
    nonisolated(unsafe) static var announced = InlineArray<16, Bool>(repeating: false)

    static func install(line: UInt8) {
        if line < 16 { installed[Int(line)] = true }
    }

    /// Counts the interrupt; each line's first is announced on the console, as soon as the console
    /// is between lines.
    static func record(line: UInt8) {
        guard line < 16, installed[Int(line)] else { return }
        seen[Int(line)] &+= 1
        if !announced[Int(line)], Console.atLineStart {
            announced[Int(line)] = true
            Console.write("[vmm] prologue saw its first interrupt on vector ")
            Console.writeDecimal(UInt32(PIC.masterVectorBase + line))
            Console.newline()
        }
    }
}

/// The Swift half of every prologue: record, then dispatch to the registered handler.
/// POK: _C_isr_handler, kernel/arch/x86/x86-qemu-vmm/bsp.c (PR #3)
@_cdecl("pok_irq_prologue_handler")
func irqPrologueHandler(_ frame: UnsafeMutableRawPointer, line: UInt32) {
    let line = UInt8(truncatingIfNeeded: line)
    InterruptPrologue.record(line: line)
    BoardInterrupts.handle(line: line, frame: frame.assumingMemoryBound(to: InterruptFrame.self))
}
// ANCHOR_END: interrupt-prologue
#endif
