// ANCHOR: selectors
/// The GDT layout of a one-CPU POK (the 2014 layout the paravirtualisation work used):
/// partition n has code at index 4 + 2n and data at 5 + 2n.
/// POK: GDT_CORE_CODE_SEGMENT, GDT_CORE_DATA_SEGMENT, GDT_TSS_SEGMENT, kernel/arch/x86/gdt.h
public enum Selector {
    public static let kernelCode: UInt16 = 1 << 3         // 0x08
    public static let kernelData: UInt16 = 2 << 3         // 0x10
    public static let taskState: UInt16 = 3 << 3          // 0x18
    /// A partition's selectors carry RPL 3. POK: GDT_BUILD_SELECTOR(seg, 0, 3)
    public static func partitionCode(_ partition: Int) -> UInt16 { UInt16(4 + 2 * partition) << 3 | 3 }
    public static func partitionData(_ partition: Int) -> UInt16 { UInt16(5 + 2 * partition) << 3 | 3 }
    #if POK_NEEDS_XEN_PV
    /// A Xen-style guest kernel runs partition n in ring 1: code at index 6 + 2n, data at 7 + 2n,
    /// RPL 1 (the ring-3 pair above stays for the guest's own programs). One partition only: with
    /// more, these would be the next partition's. Xen: FLAT_RING1_CS / FLAT_RING1_DS (0xe019 / 0xe021)
    public static func guestKernelCode(_ partition: Int) -> UInt16 { UInt16(6 + 2 * partition) << 3 | 1 }
    public static func guestKernelData(_ partition: Int) -> UInt16 { UInt16(7 + 2 * partition) << 3 | 1 }
    #endif
    /// POK: PARTITION_ID(cs), kernel/arch/x86/syscalls.c (2014 form)
    /// The CPU saves CS in a 32-bit slot whose upper half the SDM leaves undefined: mask it, as POK does.
    public static func partition(ofCodeSelector cs: UInt32) -> Int { (Int((cs & 0xFFFF) >> 3) - 4) / 2 }
}
// ANCHOR_END: selectors
