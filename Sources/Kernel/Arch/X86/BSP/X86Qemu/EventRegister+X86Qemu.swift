#if !POK_NEEDS_X86_VMM
// ANCHOR: event-register-x86-qemu
/// Registers a hardware interrupt handler: a trap gate, DPL 3, straight to its entry stub.
/// POK: pok_arch_event_register (the x86-qemu variant), kernel/arch/x86/arch.c
func archEventRegister(vector: UInt8, stub: EntryStubID) {
    IDT.setGate(vector, stub: stub, type: .trap32, privilegeLevel: 3)
}
// ANCHOR_END: event-register-x86-qemu
#endif
