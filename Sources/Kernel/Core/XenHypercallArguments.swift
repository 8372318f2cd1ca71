#if POK_NEEDS_XEN_PV
/// A Xen-style hypercall's five arguments, as the guest left them in EBX, ECX, EDX, ESI and EDI
/// (no argument block: Xen passes values, and pointers are guest addresses the handler checks).
/// Xen: the x86_32 register convention of xen/include/public/arch-x86/xen-x86_32.h
public struct XenHypercallArguments {
    public var arg1: UInt32, arg2: UInt32, arg3: UInt32, arg4: UInt32, arg5: UInt32
    /// The calling partition (its memory bounds every pointer argument).
    public var partition: Partition

    public init(_ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32, _ arg4: UInt32, _ arg5: UInt32, partition: Partition) {
        self.arg1 = arg1; self.arg2 = arg2; self.arg3 = arg3; self.arg4 = arg4; self.arg5 = arg5
        self.partition = partition
    }
}
#endif
