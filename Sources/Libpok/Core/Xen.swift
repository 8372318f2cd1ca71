#if POK_NEEDS_XEN_PV
/// A Xen-style guest's console and life cycle, through the hypercall page: the guest kernel's
/// twins of `Console` and `partitionExit`.
/// Xen: HYPERVISOR_console_io and HYPERVISOR_sched_op, as Linux's xen/hypercall.h wraps them
public enum Xen: TextChannel {
    /// console_io(CONSOLEIO_write, count, buffer); 0 when written.
    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer) -> UInt32 {
        PartitionAddress.withBytes(bytes) { address in
            UInt32(bitPattern: xenHypercall(.consoleIO, XenCommand.consoleWrite, UInt32(bytes.count), address))
        }
    }

    /// xen_version(XENVER_version): the hypervisor's interface version, major << 16 | minor.
    // SOLUTION-BEGIN step=4 title="The guest side"
    public static func version() -> Int32 {
        xenHypercall(.xenVersion, XenCommand.versionQuery)
    }
    // SOLUTION-ELSE
    // public static func version() -> Int32 {
    //     Int32(bitPattern: UnwrittenStep.report(4, "Xen.version (Sources/Libpok/Core/Xen.swift)", chapter: 5, on: Xen.self))
    // }
    // SOLUTION-END

    /// sched_op(SCHEDOP_yield): gives up the CPU; 0.
    @discardableResult
    public static func yield() -> Int32 {
        xenHypercall(.schedOp, XenCommand.schedYield)
    }

    /// sched_op(SCHEDOP_shutdown, &reason): the guest is done. Returns only if refused.
    @discardableResult
    public static func shutdown(reason: UInt32 = XenCommand.shutdownPoweroff) -> Int32 {
        var shutdown = reason  // struct sched_shutdown { unsigned int reason; }
        return PartitionAddress.with(&shutdown) { address in xenHypercall(.schedOp, XenCommand.schedShutdown, address) }
    }
}
#endif
