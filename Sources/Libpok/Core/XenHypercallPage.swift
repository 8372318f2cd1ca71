#if POK_NEEDS_XEN_PV
// ANCHOR: libpok-xen-hypercall
/// A Xen-style hypercall as a guest makes it: a call into the kernel's hypercall page, slot
/// `number`, with the five arguments in EBX, ECX, EDX, ESI, EDI; the answer is EAX, a negative
/// Xen errno on failure. The guest never writes `int $0x82` itself.
/// Xen: HYPERVISOR_* wrappers, `call hypercall_page + nr*32` (Linux arch/x86/include/asm/xen/hypercall.h)
@inline(__always)
public func xenHypercall(_ id: XenHypercallID, _ arg1: UInt32 = 0, _ arg2: UInt32 = 0, _ arg3: UInt32 = 0,
                         _ arg4: UInt32 = 0, _ arg5: UInt32 = 0) -> Int32 {
    XenHypercallPage.call(id.rawValue, arg1, arg2, arg3, arg4, arg5)
}
// ANCHOR_END: libpok-xen-hypercall

extension XenHypercallPage {
    /// Partition-relative address of the page the kernel writes; Sources/Runtime/partition.ld
    /// names it `pok_hypercall_page`, and `Kernel.XenHypercallPage.offset` is the kernel's copy.
    public static let offset: UInt32 = 0x80000
    public static let slotSize: UInt32 = 32
}
#endif
