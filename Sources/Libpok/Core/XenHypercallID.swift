#if POK_NEEDS_XEN_PV
/// The Xen hypercall numbers as the guest knows them; `Kernel.XenHypercallID` is the kernel's copy.
/// Xen: __HYPERVISOR_* in xen/include/public/xen.h
public enum XenHypercallID: UInt32, Sendable, CaseIterable {
    // SOLUTION-BEGIN step=1 title="The number"
    case xenVersion = 17  // __HYPERVISOR_xen_version
    // SOLUTION-ELSE
    // case xenVersion = 62
    // SOLUTION-END
    case consoleIO = 18   // __HYPERVISOR_console_io
    case schedOp = 29     // __HYPERVISOR_sched_op
}

/// Xen: HYPERCALL_VECTOR (TRAP_INSTR "int $0x82" in public/arch-x86_32.h)
public let xenHypercallVector: UInt8 = 0x82

/// Xen: CONSOLEIO_* (public/xen.h), SCHEDOP_* and SHUTDOWN_* (public/sched.h)
public enum XenCommand {
    public static let versionQuery: UInt32 = 0    // XENVER_version
    public static let consoleWrite: UInt32 = 0
    public static let schedYield: UInt32 = 0
    public static let schedShutdown: UInt32 = 2
    public static let shutdownPoweroff: UInt32 = 0
    public static let shutdownCrash: UInt32 = 3
}
#endif
