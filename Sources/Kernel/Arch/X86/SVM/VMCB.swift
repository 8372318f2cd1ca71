#if POK_NEEDS_X86_SVM
// ANCHOR: vmcb
/// The virtual machine control block: one 4 KiB page, its control area (what to intercept, the
/// ASID, the exit code) at offset 0 and the guest's state (segments, control registers, RIP, RSP,
/// RAX) at 0x400. VMRUN takes its physical address in EAX.
/// AMD64 APM Vol. 2, Appendix B, Tables B-1 and B-2. Palacios: vmcb_t, palacios/include/palacios/vmcb.h
public struct VMCB {
    public let page: UnsafeMutableRawPointer

    public enum Offset {
        public static let exceptionIntercepts = 0x008   // bit n: exception vector n
        public static let miscIntercepts = 0x00C        // bit 24 HLT, bit 31 SHUTDOWN
        public static let svmIntercepts = 0x010         // bit 0 VMRUN (required), bit 1 VMMCALL
        public static let guestASID = 0x058
        public static let exitCode = 0x070
        public static let es = 0x400, cs = 0x410, ss = 0x420, ds = 0x430, fs = 0x440, gs = 0x450
        public static let cpl = 0x4CB
        public static let efer = 0x4D0
        public static let cr0 = 0x558
        public static let dr7 = 0x560, dr6 = 0x568
        public static let rflags = 0x570
        public static let rip = 0x578
        public static let rsp = 0x5D8
        public static let rax = 0x5F8
    }

    func store<T>(_ value: T, at offset: Int) { page.storeBytes(of: value, toByteOffset: offset, as: T.self) }
    func load<T>(_ offset: Int, as type: T.Type) -> T { page.load(fromByteOffset: offset, as: T.self) }

    /// One segment of the state-save area: selector, attributes (the descriptor's access byte and
    /// flags nibble), the limit in bytes, the base.
    func setSegment(_ offset: Int, selector: UInt16, attributes: UInt16, limit: UInt32, base: UInt) {
        store(selector, at: offset)
        store(attributes, at: offset + 2)
        store(limit, at: offset + 4)
        store(UInt64(base), at: offset + 8)
    }

    /// A guest in 32-bit protected mode without paging, at CPL 0, whose segments all cover
    /// `size` bytes at `base`, entered at `rip` with its stack at `rsp`. Intercepts: VMRUN (the CPU
    /// refuses a VMCB without it), VMMCALL (the hypercall), #UD (so Intel's VMCALL reaches us too),
    /// HLT (the guest is done) and SHUTDOWN (a triple fault in the guest).
    func prepareGuest(base: UInt, size: UInt32, rip: UInt32, rsp: UInt32) {
        for offset in 0..<4096 { page.storeBytes(of: 0 as UInt8, toByteOffset: offset, as: UInt8.self) }
        store(UInt32(1) << 6, at: Offset.exceptionIntercepts)                 // #UD
        store(UInt32(1) << 24 | UInt32(1) << 31, at: Offset.miscIntercepts)   // HLT, SHUTDOWN
        store(UInt32(0b11), at: Offset.svmIntercepts)                         // VMRUN, VMMCALL
        store(UInt32(1), at: Offset.guestASID)                                // ASID 0 is the host's
        let code: UInt16 = 0x49B, data: UInt16 = 0x493   // P, DPL 0, S, type; D/B = 1, G = 0 (byte limit)
        setSegment(Offset.cs, selector: 0x08, attributes: code, limit: size - 1, base: base)
        for segment in [Offset.ss, Offset.ds, Offset.es, Offset.fs, Offset.gs] {
            setSegment(segment, selector: 0x10, attributes: data, limit: size - 1, base: base)
        }
        store(UInt8(0), at: Offset.cpl)                       // = SS.DPL (QEMU takes the CPL from SS)
        store(UInt64(1) << 12, at: Offset.efer)               // EFER.SVME, checked by VMRUN
        store(UInt64(0x11), at: Offset.cr0)                   // PE, ET: protected mode, no paging
        store(UInt64(0xFFFF_0FF0), at: Offset.dr6)
        store(UInt64(0x400), at: Offset.dr7)
        store(UInt64(0x2), at: Offset.rflags)                 // IF clear: no interrupts in the guest
        store(UInt64(rip), at: Offset.rip)
        store(UInt64(rsp), at: Offset.rsp)
    }

    /// EXITCODE's low 32 bits (qemu-system-i386 stores VMEXIT_INVALID as 0x00000000_FFFFFFFF).
    var exitCode: UInt32 { UInt32(truncatingIfNeeded: load(Offset.exitCode, as: UInt64.self)) }
    var rip: UInt32 {
        get { UInt32(truncatingIfNeeded: load(Offset.rip, as: UInt64.self)) }
        nonmutating set { store(UInt64(newValue), at: Offset.rip) }
    }
    var rax: UInt32 {
        get { UInt32(truncatingIfNeeded: load(Offset.rax, as: UInt64.self)) }
        nonmutating set { store(UInt64(newValue), at: Offset.rax) }
    }
    /// The guest's code segment base: where its RIP points in memory.
    var codeBase: UInt { UInt(load(Offset.cs + 8, as: UInt64.self)) }
}
// ANCHOR_END: vmcb
#endif
