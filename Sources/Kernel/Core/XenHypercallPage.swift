#if POK_NEEDS_XEN_PV
// ANCHOR: xen-hypercall-page
/// The hypercall page: 4096 bytes the kernel writes into the guest, one 32-byte slot per number,
/// each `mov $n, %eax; int $0x82; ret` (B8 n32 CD 82 C3) and the rest int3 (CC). The guest calls
/// `page + 32·n` instead of hard-coding the trap, so the kernel may change how it is entered.
/// The page sits at a fixed partition-relative address that the partition's linker script names
/// `pok_hypercall_page` (the course's stand-in for Xen's XEN_ELFNOTE_HYPERCALL_PAGE).
/// Xen: pv_ring1_init_hypercall_page, xen/arch/x86/pv/hypercall.c
public enum XenHypercallPage {
    /// Partition-relative address of the page; Sources/Runtime/partition.ld says the same.
    public static let offset: UInt32 = 0x80000
    public static let size: UInt32 = 4096
    public static let slotSize: UInt32 = 32

    /// Writes the page into `partition`; false if the partition is too small to hold it.
    @discardableResult
    static func write(into partition: Partition) -> Bool {
        guard partition.contains(offset: offset, length: size) else { return false }
        let page = partition.pointer(offset)
        for index in 0..<Int(size) { page.storeBytes(of: 0xCC, toByteOffset: index, as: UInt8.self) }
        for number in 0..<(size / slotSize) {
            let slot = Int(number * slotSize)
            page.storeBytes(of: 0xB8, toByteOffset: slot, as: UInt8.self)            // mov $n, %eax
            for byte in 0..<4 {
                page.storeBytes(of: UInt8(truncatingIfNeeded: number >> (8 * UInt32(byte))), toByteOffset: slot + 1 + byte, as: UInt8.self)
            }
            page.storeBytes(of: 0xCD, toByteOffset: slot + 5, as: UInt8.self)        // int
            page.storeBytes(of: xenHypercallVector, toByteOffset: slot + 6, as: UInt8.self)  // $0x82
            page.storeBytes(of: 0xC3, toByteOffset: slot + 7, as: UInt8.self)        // ret
        }
        return true
    }
}
// ANCHOR_END: xen-hypercall-page
#endif
