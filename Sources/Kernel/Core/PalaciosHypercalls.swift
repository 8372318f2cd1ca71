#if POK_NEEDS_X86_SVM
/// Hypercall IDs as Palacios numbers them; `Libpok.PalaciosHypercallID` is the guest's copy.
/// Palacios: enum hcall_id_t, palacios/include/palacios/vmm_hypercall.h
public enum PalaciosHypercallID {
    public static let test: UInt32 = 0x0001      // TEST_HCALL
    public static let osDebug: UInt32 = 0xC0C0   // OS_DEBUG_HCALL
    public static let hostTime: UInt32 = 0xD001  // TIME_RDHTSC_HCALL
}

/// The handlers the hypervisor registers for every guest.
enum PalaciosHypercalls {
    /// TEST_HCALL: writes 0x1111…0x5555 into RBX, RCX, RDX, RSI, RDI and leaves RAX.
    /// Palacios: hcall_test, vmm_hypercall.c
    static func test(_ guest: HypercallGuest, _ id: UInt32, _ context: UInt32) -> Int32 {
        guest.registers.pointee.ebx = 0x1111
        guest.registers.pointee.ecx = 0x2222
        guest.registers.pointee.edx = 0x3333
        guest.registers.pointee.esi = 0x4444
        guest.registers.pointee.edi = 0x5555
        return 0
    }

    /// TIME_RDHTSC_HCALL: the host's time-stamp counter, EBX the low half and ECX the high half
    /// (Palacios writes all 64 bits to RBX; a 32-bit guest needs two registers). RAX stays.
    /// Palacios: handle_rdhtsc_hcall, palacios/src/palacios/vmm_time.c
    // SOLUTION-BEGIN step=5 title="The handler"
    static func hostTime(_ guest: HypercallGuest, _ id: UInt32, _ context: UInt32) -> Int32 {
        let now = Hardware.readTimestamp()
        guest.registers.pointee.ebx = UInt32(truncatingIfNeeded: now)
        guest.registers.pointee.ecx = UInt32(truncatingIfNeeded: now >> 32)
        return 0
    }
    // SOLUTION-ELSE
    // static func hostTime(_ guest: HypercallGuest, _ id: UInt32, _ context: UInt32) -> Int32 {
    //     guest.rax = UnwrittenStep.report(5, "PalaciosHypercalls.hostTime (Sources/Kernel/Core/PalaciosHypercalls.swift)", chapter: 5)
    //     return 0
    // }
    // SOLUTION-END

    // ANCHOR: os-debug-hcall
    /// OS_DEBUG_HCALL: RBX = message address, RCX = length, RDX = 1 when the address is the
    /// guest's own (segment-relative; 0: guest-physical). Prints the message; a message outside
    /// the guest is an error, which stops the guest, as a failing handler does in Palacios.
    /// Palacios: handle_hcall_os_debug, palacios/src/palacios/vmm_debug.c
    static func osDebug(_ guest: HypercallGuest, _ id: UInt32, _ context: UInt32) -> Int32 {
        let memory = guest.memory
        let length = guest.registers.pointee.ecx
        var address = guest.registers.pointee.ebx
        if guest.registers.pointee.edx == 0 {  // guest-physical: inside the guest's memory, or nothing
            let base = UInt32(truncatingIfNeeded: memory.baseAddress)
            guard address >= base else { return -1 }
            address -= base
        }
        guard memory.contains(offset: address, length: length) else { return -1 }
        let bytes = memory.pointer(address)
        for index in 0..<Int(length) { Console.writeByte(bytes.load(fromByteOffset: index, as: UInt8.self)) }
        return 0
    }
    // ANCHOR_END: os-debug-hcall
}
#endif
