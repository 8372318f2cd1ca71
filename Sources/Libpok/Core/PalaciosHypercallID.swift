#if POK_NEEDS_X86_SVM
/// Palacios's hypercall IDs as the guest knows them; `Kernel.PalaciosHypercallID` is the kernel's copy.
/// Palacios: enum hcall_id_t, palacios/include/palacios/vmm_hypercall.h
public enum PalaciosHypercallID {
    public static let test: UInt32 = 0x0001      // TEST_HCALL
    public static let osDebug: UInt32 = 0xC0C0   // OS_DEBUG_HCALL
    public static let hostTime: UInt32 = 0xD001  // TIME_RDHTSC_HCALL
}
#endif
