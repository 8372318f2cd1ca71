// ANCHOR: event-init
/// Fills the IDT in POK's order: clear it, the CPU exceptions, then the software gates.
/// Hardware interrupt gates come later, when the BSP registers its devices.
/// POK: pok_event_init, kernel/arch/x86/event.c
func eventInit() {
    IDT.initialize()
    Exceptions.initialize()
    #if POK_NEEDS_SYSCALLS
    syscallInit()
    #endif
    // SOLUTION-BEGIN step=2 title="Register the gate"
    #if POK_NEEDS_X86_VMM
    hypercallInit()
    #endif
    // SOLUTION-ELSE
    // #if POK_NEEDS_X86_VMM
    // UnwrittenStep.report(2, "eventInit does not call hypercallInit() (Sources/Kernel/Arch/X86/Event.swift)")
    // #endif
    // SOLUTION-END
    #if POK_NEEDS_XEN_PV
    xenHypercallInit()
    #endif
}
// ANCHOR_END: event-init

/// POK: pok_arch_init, kernel/arch/x86/arch.c
func archInit() {
    GDT.initialize()
    eventInit()
}
