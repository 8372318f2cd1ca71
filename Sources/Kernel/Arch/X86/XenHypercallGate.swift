#if POK_NEEDS_XEN_PV
// ANCHOR: xen-hypercall-init
/// Opens vector 0x82 to the guest kernel in ring 1 and to nobody above it: a 32-bit interrupt gate
/// of DPL 1. `int $0x82` from CPL 1 passes the CPU's check (CPL ≤ DPL); from CPL 3 it raises
/// #GP(0x82·8 + 2 = 0x412) before the kernel runs at all.
/// Xen: `_set_gate(idt_table+HYPERCALL_VECTOR, 14, 1, &hypercall)`, xen/arch/x86/x86_32/traps.c
func xenHypercallInit() {
    IDT.setGate(xenHypercallVector, stub: .xenHypercall, type: .interrupt32, privilegeLevel: 1)
    XenHypercallTable.initialize()
}
// ANCHOR_END: xen-hypercall-init

// ANCHOR: xen-hypercall-gate
/// The gate: EAX = number, EBX, ECX, EDX, ESI, EDI = arguments 1–5, straight from the registers
/// the entry stub saved (Xen passes values, not a block); the answer goes back in EAX.
/// Only the guest kernel's ring-1 code segment can be the caller (the DPL-1 gate sees to that);
/// a frame from any other segment is refused with -EPERM all the same.
/// Xen: the int $0x82 path, entry_int82 (x86_64/compat/entry.S) and pv_hypercall (pv/hypercall.c)
@_cdecl("pok_xen_hypercall_gate")
func xenHypercallGate(_ rawFrame: UnsafeMutableRawPointer) -> UInt32 {
    let frame = rawFrame.assumingMemoryBound(to: InterruptFrame.self).pointee
    guard frame.cs & 0xFFFF == UInt32(Selector.guestKernelCode(0)) else {
        return UInt32(bitPattern: XenErrno.notPermitted.returned)
    }
    let arguments = XenHypercallArguments(frame.ebx, frame.ecx, frame.edx, frame.esi, frame.edi,
                                          partition: Partitions.table[0])
    return UInt32(bitPattern: XenHypercallTable.dispatch(frame.eax, arguments))
}
// ANCHOR_END: xen-hypercall-gate
#endif
