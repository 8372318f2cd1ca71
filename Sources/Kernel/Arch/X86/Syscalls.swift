#if POK_NEEDS_SYSCALLS
// ANCHOR: syscall-init
/// Opens vector 42 to partitions: a 32-bit interrupt gate (the CPU clears IF, so the kernel is not
/// interrupted while it reads the caller's state), DPL 3 (so `int $42` from CPL 3 passes the
/// privilege check), in the kernel code segment.
/// POK: pok_syscall_init, kernel/arch/x86/syscalls.c
func syscallInit() {
    IDT.setGate(syscallVector, stub: .syscall, type: .interrupt32, privilegeLevel: 3)
}
// ANCHOR_END: syscall-init

// ANCHOR: syscall-gate
/// The C half of the gate: the entry stub saved the caller's registers in `frame`; the value
/// returned here is written into the saved EAX, so it is the caller's result.
/// POK: syscall_gate (INTERRUPT_HANDLER_syscall), kernel/arch/x86/syscalls.c
@_cdecl("pok_syscall_gate")
func syscallGate(_ rawFrame: UnsafeMutableRawPointer) -> UInt32 {
    let frame = rawFrame.assumingMemoryBound(to: InterruptFrame.self)
    guard let (caller, arguments) = SoftInterruptCall.decode(frame) else {
        return PokReturn.invalid.rawValue
    }
    return coreSyscall(frame.pointee.eax, arguments, caller).rawValue
}
// ANCHOR_END: syscall-gate
#endif
