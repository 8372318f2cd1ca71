#if POK_NEEDS_XEN_PV
// ANCHOR: kernel-xen-hypercall-ids
/// The Xen hypercall numbers this kernel answers, as Xen's public header numbers them;
/// `Libpok.XenHypercallID` is the guest's copy. Every other number is a hole: -ENOSYS.
/// Xen: __HYPERVISOR_* in xen/include/public/xen.h
public enum XenHypercallID: UInt32, Sendable, CaseIterable {
    // SOLUTION-BEGIN step=1 title="The number"
    case xenVersion = 17  // __HYPERVISOR_xen_version
    // SOLUTION-ELSE
    // case xenVersion = 63   // inside the table, and no number of Xen's: never what Libpok says
    // SOLUTION-END
    case consoleIO = 18   // __HYPERVISOR_console_io
    case schedOp = 29     // __HYPERVISOR_sched_op
}

/// The trap vector of a 32-bit paravirtualised guest kernel: `int $0x82`.
/// Xen: HYPERCALL_VECTOR, xen/arch/x86/include/asm/irq-vectors.h
public let xenHypercallVector: UInt8 = 0x82

/// The sub-commands the two hypercalls take in their first argument (EBX).
/// Xen: CONSOLEIO_* (public/xen.h), SCHEDOP_* and SHUTDOWN_* (public/sched.h)
public enum XenCommand {
    public static let versionQuery: UInt32 = 0    // XENVER_version
    public static let consoleWrite: UInt32 = 0    // CONSOLEIO_write
    public static let schedYield: UInt32 = 0      // SCHEDOP_yield
    public static let schedShutdown: UInt32 = 2   // SCHEDOP_shutdown
    public static let shutdownPoweroff: UInt32 = 0  // SHUTDOWN_poweroff
    public static let shutdownCrash: UInt32 = 3     // SHUTDOWN_crash
}
// ANCHOR_END: kernel-xen-hypercall-ids
#endif
