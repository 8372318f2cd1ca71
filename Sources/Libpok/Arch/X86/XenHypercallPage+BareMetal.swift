#if POK_BARE_METAL && POK_NEEDS_XEN_PV
@_extern(c, "pok_xen_hypercall") func pok_xen_hypercall(_ number: UInt32, _ a1: UInt32, _ a2: UInt32, _ a3: UInt32, _ a4: UInt32, _ a5: UInt32) -> Int32

/// The guest's way into the page: `call pok_hypercall_page + 32·n` with the arguments in
/// registers (Sources/Runtime/xen-hypercall.S).
public enum XenHypercallPage {
    @inline(__always)
    public static func call(_ number: UInt32, _ a1: UInt32, _ a2: UInt32, _ a3: UInt32, _ a4: UInt32, _ a5: UInt32) -> Int32 {
        pok_xen_hypercall(number, a1, a2, a3, a4, a5)
    }
}
#endif
