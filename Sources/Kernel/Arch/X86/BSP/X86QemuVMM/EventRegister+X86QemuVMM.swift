#if POK_NEEDS_X86_VMM
// ANCHOR: event-register-x86-qemu-vmm
/// Registers a hardware interrupt so the VMM sees it before its handler: the gate leads to the
/// line's interrupt prologue, not to the handler's stub. It is an interrupt gate (the prologue runs
/// with IF clear) of DPL 0: hardware interrupts ignore the DPL, and no partition can forge a
/// device interrupt with `int $32`.
/// POK: pok_arch_event_register (the x86-qemu-vmm variant), kernel/arch/x86/arch.c (PR #3)
func archEventRegister(vector: UInt8, stub: EntryStubID) {
    guard case .irq(let line) = stub else {
        IDT.setGate(vector, stub: stub, type: .interrupt32, privilegeLevel: 0)
        return
    }
    InterruptPrologue.install(line: line)
    IDT.setGate(vector, stub: .irqPrologue(line), type: .interrupt32, privilegeLevel: 0)
}
// ANCHOR_END: event-register-x86-qemu-vmm
#endif
