#if POK_NEEDS_XEN_PV
/// Xen's error numbers as the guest reads them, negated, in EAX; `Kernel.XenErrno` is the kernel's copy.
/// Xen: XEN_ERRNO(...), xen/include/public/errno.h
public enum XenErrno: Int32, Sendable, CaseIterable {
    case notPermitted = 1
    case fault = 14
    case notImplemented = 38

    public var returned: Int32 { -rawValue }
}
#endif
