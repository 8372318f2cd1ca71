#if POK_NEEDS_X86_VMM
// ANCHOR: event-register-x86-qemu-vmm
/// Registers a hardware interrupt so the VMM sees it first: the gate leads to the interrupt
/// prologue, which records the vector before the handler runs.
/// POK: pok_arch_event_register (the x86-qemu-vmm variant), kernel/arch/x86/arch.c (PR #3)
func archEventRegister(vector: UInt8, stub: EntryStubID) {
    IDT.setGate(vector, stub: stub, type: .trap32, privilegeLevel: 3)
    InterruptPrologue.install(vector: vector)
}
// ANCHOR_END: event-register-x86-qemu-vmm

/// The VMM's view of hardware interrupts: which vectors it has seen, how often.
/// POK: interrupt_prologue.S and the meta-handler table of x86-qemu-vmm/bsp.c (PR #3)
enum InterruptPrologue {
    nonisolated(unsafe) static var installed = InlineArray<16, Bool>(repeating: false)
    nonisolated(unsafe) static var seen = InlineArray<16, UInt32>(repeating: 0)

    static func install(vector: UInt8) {
        let line = Int(vector) - Int(PIC.masterVectorBase)
        if (0..<16).contains(line) { installed[line] = true }
    }

    static func record(vector: UInt8) {
        let line = Int(vector) - Int(PIC.masterVectorBase)
        if (0..<16).contains(line), installed[line] { seen[line] &+= 1 }
    }
}
#endif
