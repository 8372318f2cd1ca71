#if POK_NEEDS_XEN_PV
/// The hypercalls this kernel implements for a Xen-style guest: their definitions, one function
/// each, filled into `XenHypercallTable`.
/// Xen: do_console_io (xen/drivers/char/console.c), do_sched_op (xen/common/sched/core.c)
enum XenHypercalls {
    /// What XENVER_version answers: major << 16 | minor — this kernel's Xen-style interface, 1.0.
    static let version: Int32 = 1 << 16

    /// xen_version(cmd): XENVER_version answers the interface's version; any other command -ENOSYS.
    /// Xen: do_xen_version, xen/common/kernel.c
    // SOLUTION-BEGIN step=3 title="The definition"
    static func xenVersion(_ arguments: XenHypercallArguments) -> Int32 {
        arguments.arg1 == XenCommand.versionQuery ? version : XenErrno.notImplemented.returned
    }
    // SOLUTION-ELSE
    // static func xenVersion(_ arguments: XenHypercallArguments) -> Int32 {
    //     Int32(bitPattern: UnwrittenStep.report(3, "XenHypercalls.xenVersion (Sources/Kernel/Core/XenHypercalls.swift)", chapter: 5))
    // }
    // SOLUTION-END

    // ANCHOR: xen-console-io
    /// console_io(cmd, count, buffer): CONSOLEIO_write prints `count` bytes of the guest's buffer
    /// and answers 0; a buffer outside the guest is -EFAULT; any other command -ENOSYS.
    static func consoleIO(_ arguments: XenHypercallArguments) -> Int32 {
        guard arguments.arg1 == XenCommand.consoleWrite else { return XenErrno.notImplemented.returned }
        let count = arguments.arg2, buffer = arguments.arg3
        guard arguments.partition.contains(offset: buffer, length: count) else { return XenErrno.fault.returned }
        let bytes = arguments.partition.pointer(buffer)
        for index in 0..<Int(count) { Console.writeByte(bytes.load(fromByteOffset: index, as: UInt8.self)) }
        return 0
    }
    // ANCHOR_END: xen-console-io

    /// sched_op(cmd, arg): SCHEDOP_yield answers 0 (one guest: nothing else to run);
    /// SCHEDOP_shutdown reads `struct sched_shutdown { reason }` at `arg` and ends the guest:
    /// poweroff ends the run in order, crash as a partition fault. Anything else -ENOSYS.
    static func schedOp(_ arguments: XenHypercallArguments) -> Int32 {
        switch arguments.arg1 {
        case XenCommand.schedYield:
            return 0
        case XenCommand.schedShutdown:
            guard arguments.partition.contains(offset: arguments.arg2, length: 4) else { return XenErrno.fault.returned }
            let reason = arguments.partition.pointer(arguments.arg2).load(as: UInt32.self)
            Console.write("[xen] guest shut down, reason ")
            Console.writeDecimal(reason)
            Console.newline()
            #if POK_NEEDS_X86_SVM
            if reason == XenCommand.shutdownPoweroff { SecureVirtualMachine.runGuest() }  // the next guest
            #endif
            RunReport.finish(reason == XenCommand.shutdownCrash ? .partitionFault : .done)
            return 0
        default:
            return XenErrno.notImplemented.returned
        }
    }
}
#endif
