#if POK_NEEDS_XEN_PV
/// The error numbers a Xen-style hypercall returns, negated, in EAX; `Libpok.XenErrno` is the
/// guest's copy. Xen's own numbering, not POK's (`PokReturn`).
/// Xen: XEN_ERRNO(...), xen/include/public/errno.h
public enum XenErrno: Int32, Sendable, CaseIterable {
    case notPermitted = 1     // EPERM: a caller that is not the guest kernel
    case fault = 14           // EFAULT: a guest buffer outside the guest
    case notImplemented = 38  // ENOSYS: no such hypercall, or no such sub-command

    /// What the guest reads in EAX: the number negated (-38 is 0xFFFFFFDA).
    public var returned: Int32 { -rawValue }
}
#endif
