#if POK_NEEDS_X86_VMM
// ANCHOR: hypercall-init
/// Opens vector 45 to partitions, exactly as `syscallInit` opens 42: a 32-bit interrupt gate,
/// DPL 3, kernel code segment. Called from event init only when POK_NEEDS_X86_VMM is set.
/// POK: pok_hypercall_init, kernel/arch/x86/hypercall.c (PR #3)
func hypercallInit() {
    // SOLUTION-BEGIN step=2 title="Register the gate"
    IDT.setGate(hypercallVector, stub: .hypercall, type: .interrupt32, privilegeLevel: 3)
    // SOLUTION-ELSE
    // UnwrittenStep.report(2, "hypercallInit registers no gate (Sources/Kernel/Arch/X86/Hypercalls.swift)")
    // SOLUTION-END
}
// ANCHOR_END: hypercall-init

// ANCHOR: hypercall-gate
/// The hypercall gate: the syscall gate's twin. EAX = ID, EBX = partition-relative argument
/// block; the result goes back in EAX through the entry stub (`pok_hypercall_entry`,
/// Sources/Runtime/gate-entries.S).
/// POK: hypercall_gate (INTERRUPT_HANDLER_hypercall), kernel/arch/x86/hypercall.c (PR #3)
@_cdecl("pok_hypercall_gate")
func hypercallGate(_ rawFrame: UnsafeMutableRawPointer) -> UInt32 {
    // SOLUTION-BEGIN step=4 title="The gate"
    let frame = rawFrame.assumingMemoryBound(to: InterruptFrame.self)
    guard let (caller, arguments) = SoftInterruptCall.decode(frame) else {
        return PokReturn.invalid.rawValue
    }
    return coreHypercall(frame.pointee.eax, arguments, caller).rawValue
    // SOLUTION-ELSE
    // return UnwrittenStep.report(4, "hypercallGate (Sources/Kernel/Arch/X86/Hypercalls.swift)")
    // SOLUTION-END
}
// ANCHOR_END: hypercall-gate
#endif
