#if POK_NEEDS_X86_SVM
/// What the hypervisor does with each #VMEXIT.
/// Palacios: v3_handle_svm_exit, palacios/src/palacios/svm_handler.c
enum VMExit {
    /// SVM exit codes. AMD64 APM Vol. 2 Table C-1; Palacios: svm_handler.h
    enum Code {
        static let invalidOpcode: UInt32 = 0x46   // VMEXIT_EXCP6 (#UD)
        static let hlt: UInt32 = 0x78
        static let shutdown: UInt32 = 0x7F
        static let vmmcall: UInt32 = 0x81
        static let invalid: UInt32 = 0xFFFF_FFFF   // VMEXIT_INVALID: VMRUN refused the VMCB
    }

    // ANCHOR: vmexit-handle
    /// Handles one exit; false when the guest is done (or cannot go on).
    /// VMMCALL (0F 01 D9) exits with RIP still at the instruction, and QEMU 7.2 gives no next RIP,
    /// so the handler moves RIP past its 3 bytes *before* dispatching, as Palacios does. Intel's
    /// VMCALL (0F 01 C1) is #UD on AMD: with #UD intercepted it arrives as exit 0x46, and the
    /// hypervisor reads the guest's bytes to recognise it.
    static func handle(_ vmcb: VMCB, _ registers: inout GuestRegisters) -> Bool {
        switch vmcb.exitCode {
        case Code.vmmcall:
            vmcb.rip = vmcb.rip &+ 3
            return HypercallMap.handle(vmcb, &registers)
        case Code.invalidOpcode where isVMCALL(vmcb):
            vmcb.rip = vmcb.rip &+ 3
            return HypercallMap.handle(vmcb, &registers)
        case Code.invalidOpcode:
            report("#UD in the guest at eip ", vmcb.rip)
        case Code.hlt:
            report("#VMEXIT 0x78 (HLT): the guest is done at eip ", vmcb.rip)
        case Code.shutdown:
            report("#VMEXIT 0x7f (SHUTDOWN): the guest triple-faulted at eip ", vmcb.rip)
        case Code.invalid:
            report("VMRUN refused the VMCB (VMEXIT_INVALID), eip ", vmcb.rip)
        default:
            report("unexpected #VMEXIT ", vmcb.exitCode)
        }
        return false
    }
    // ANCHOR_END: vmexit-handle

    /// The guest's bytes at RIP are Intel's VMCALL.
    static func isVMCALL(_ vmcb: VMCB) -> Bool {
        let partition = Partitions.table[0]
        guard partition.contains(offset: vmcb.rip, length: 3) else { return false }
        let code = partition.pointer(vmcb.rip)
        return code.load(as: UInt8.self) == 0x0F && code.load(fromByteOffset: 1, as: UInt8.self) == 0x01
            && code.load(fromByteOffset: 2, as: UInt8.self) == 0xC1
    }

    static func report(_ text: StaticString, _ value: UInt32) {
        Console.write("[svm] ")
        Console.write(text)
        Console.writeHex(value)
        Console.newline()
    }
}
#endif
