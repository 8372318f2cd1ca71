import Libpok

@_extern(c, "pok_current_privilege_level") func currentPrivilegeLevel() -> UInt32

// ANCHOR: xen-guest
/// A guest kernel as Xen runs a 32-bit paravirtualised one: in ring 1, asking the layer beneath it
/// for everything through the hypercall page. It prints through console_io, tries a number the
/// kernel does not implement, and shuts itself down through sched_op.
@_cdecl("pok_partition_main")
public func partitionMain() {
    Xen.write("Hello from a guest kernel in ring ")
    Xen.write(UInt64(currentPrivilegeLevel()))
    Xen.write(", through the hypercall page\n")
    let version = Xen.version()
    Xen.write("xen_version says interface ")
    Xen.write(UInt64(version >> 16))
    Xen.write(".")
    Xen.write(UInt64(version & 0xFFFF))
    Xen.write("\n")
    let missing = xenHypercallNumbered(11)  // a hole in Xen's table since 3.0
    Xen.write("hypercall 11 answered ")
    Xen.write(missing == XenErrno.notImplemented.returned ? "-ENOSYS (-38)\n" : "something else\n")
    Xen.write("shutting down with sched_op(SCHEDOP_shutdown, poweroff)\n")
    Xen.shutdown(reason: XenCommand.shutdownPoweroff)
}
// ANCHOR_END: xen-guest

/// A call through slot `number` of the page, for a number `XenHypercallID` does not name.
func xenHypercallNumbered(_ number: UInt32) -> Int32 {
    XenHypercallPage.call(number, 0, 0, 0, 0, 0)
}

// ANCHOR: svm-guest
/// The same image's second life: once the Xen-style guest has shut down, the kernel becomes an SVM
/// hypervisor and runs this partition again, now in guest mode, where a hypercall is VMMCALL.
@_cdecl("pok_svm_guest_main")
public func svmGuestMain() {
    Palacios.write("Hello from an SVM guest, through VMMCALL and OS_DEBUG_HCALL\n")
    let test = GuestCall(PalaciosHypercallID.test).vmmcall()
    Palacios.write("TEST_HCALL filled ebx ")
    Palacios.writeHex(test.ebx)
    Palacios.write(", ecx ")
    Palacios.writeHex(test.ecx)
    Palacios.write(", esi ")
    Palacios.writeHex(test.esi)
    Palacios.write(" and left eax at ")
    Palacios.writeHex(test.eax)
    Palacios.write("\n")
    if let early = GuestCall.hostTime(), let late = GuestCall.hostTime() {
        Palacios.write(late > early ? "TIME_RDHTSC_HCALL: the host's counter advances\n" : "TIME_RDHTSC_HCALL: the counter stood still\n")
    } else {
        Palacios.write("TIME_RDHTSC_HCALL is not registered\n")
    }
    let unknown = GuestCall(0xBEEF).vmmcall()
    Palacios.write(unknown.eax == 0xFFFF_FFFF ? "hypercall 0xbeef: rax = -1, and the guest goes on\n" : "hypercall 0xbeef: something else\n")
    let intel = GuestCall(PalaciosHypercallID.test).vmcall()
    Palacios.write(intel.esi == 0x4444 ? "Intel's VMCALL reached TEST_HCALL through #UD\n" : "VMCALL: something else\n")
}
// ANCHOR_END: svm-guest
