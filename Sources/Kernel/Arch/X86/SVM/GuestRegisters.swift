#if POK_NEEDS_X86_SVM
/// The guest's general registers that VMRUN neither loads nor saves: the world switch
/// (`pok_svm_run`, Sources/Runtime/svm.S) loads them before VMRUN and stores them after #VMEXIT.
/// EAX, ESP and EIP live in the VMCB. Palacios: struct v3_gprs, palacios/include/palacios/vmm_regs.h
public struct GuestRegisters {
    public var ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0, esi: UInt32 = 0, edi: UInt32 = 0, ebp: UInt32 = 0
    public init() {}
}
#endif
