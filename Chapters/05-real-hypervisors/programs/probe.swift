import Libpok

@_extern(c, "pok_current_privilege_level") func currentPrivilegeLevel() -> UInt32
@_extern(c, "pok_xen_trap82") func trap82(_ registers: UnsafeMutablePointer<UInt32>)

// ANCHOR: xen-probe
/// Checks the Xen-style ABI from the guest kernel, one line each: `probe: <check>: ok` or
/// `…: FAILED — <what came back>`. It reads the hypercall page the kernel wrote, calls through it
/// and with a raw `int $0x82`, and tries every error path.
@_cdecl("pok_partition_main")
public func partitionMain() {
    var probe = XenProbe()
    probe.check("the guest kernel runs in ring 1", currentPrivilegeLevel(), 1)
    probe.check("every slot of the hypercall page is mov $n,%eax; int $0x82; ret, padded with int3",
                firstWrongSlot(), 128)
    probe.check("console_io(CONSOLEIO_write) through the page prints and answers 0",
                UInt32(bitPattern: Int32(bitPattern: Xen.write("[guest] written through slot 18\n"))), 0)
    probe.check("a raw int $0x82 with EAX = 18 reaches the same table",
                raw(XenHypercallID.consoleIO.rawValue, XenCommand.consoleWrite, 0, 0), 0)
    probe.check("hypercall 11, a hole in the table, answers -ENOSYS", page(11), enosys)
    probe.check("hypercall 64, past the table's end, answers -ENOSYS", raw(64, 0, 0, 0), enosys)
    probe.check("hypercall 0xFFFFFFFF answers -ENOSYS", raw(0xFFFF_FFFF, 0, 0, 0), enosys)
    probe.check("console_io with an unknown command answers -ENOSYS", raw(XenHypercallID.consoleIO.rawValue, 7, 0, 0), enosys)
    probe.check("console_io with a buffer outside the guest answers -EFAULT",
                raw(XenHypercallID.consoleIO.rawValue, XenCommand.consoleWrite, 16, 0xFFFF_FFF0),
                UInt32(bitPattern: XenErrno.fault.returned))
    probe.check("sched_op(SCHEDOP_yield) answers 0", UInt32(bitPattern: Xen.yield()), 0)
    // The assignment's Xen half: xen_version, number 17 (steps 1–3 in the kernel, 4 in Libpok).
    probe.check("step 3 a raw int $0x82 with EAX = 17, XENVER_version, answers 1.0 (0x10000)", raw(17, XenCommand.versionQuery, 0, 0), 0x10000)
    probe.check("step 3 xen_version with an unknown command answers -ENOSYS", raw(17, 99, 0, 0), enosys)
    probe.check("step 4 Xen.version() calls slot 17 of the page", UInt32(bitPattern: Xen.version()), 0x10000)
    Xen.write("probe: finished with ")
    Xen.write(probe.failures)
    Xen.write(" failures\n")
}
// ANCHOR_END: xen-probe

let enosys = UInt32(bitPattern: XenErrno.notImplemented.returned)

struct XenProbe {
    var failures: UInt64 = 0

    mutating func check(_ name: StaticString, _ actual: UInt32, _ expected: UInt32) {
        Xen.write("probe: ")
        Xen.write(name)
        if actual == expected {
            Xen.write(": ok\n")
        } else {
            failures += 1
            Xen.write(": FAILED — got ")
            Xen.write(UInt64(actual))
            Xen.write(", expected ")
            Xen.write(UInt64(expected))
            Xen.write("\n")
        }
    }
}

/// The first slot of the page that is not the kernel's stub (128: every slot is).
func firstWrongSlot() -> UInt32 {
    let page = UnsafeRawPointer(bitPattern: UInt(XenHypercallPage.offset))!
    for slot in 0..<UInt32(128) {
        let bytes = page + Int(slot * XenHypercallPage.slotSize)
        var good = bytes.load(as: UInt8.self) == 0xB8 && bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self) == slot
        good = good && bytes.load(fromByteOffset: 5, as: UInt8.self) == 0xCD && bytes.load(fromByteOffset: 6, as: UInt8.self) == 0x82
        good = good && bytes.load(fromByteOffset: 7, as: UInt8.self) == 0xC3
        for pad in 8..<32 where bytes.load(fromByteOffset: pad, as: UInt8.self) != 0xCC { good = false }
        if !good { return slot }
    }
    return 128
}

/// A call through slot `number` of the page.
func page(_ number: UInt32) -> UInt32 {
    UInt32(bitPattern: XenHypercallPage.call(number, 0, 0, 0, 0, 0))
}

/// `int $0x82` with EAX = `number` and EBX, ECX, EDX = the arguments; EAX afterwards.
func raw(_ number: UInt32, _ arg1: UInt32, _ arg2: UInt32, _ arg3: UInt32) -> UInt32 {
    var registers = InlineArray<6, UInt32>(repeating: 0)
    registers[0] = number; registers[1] = arg1; registers[2] = arg2; registers[3] = arg3
    withUnsafeMutablePointer(to: &registers) {
        $0.withMemoryRebound(to: UInt32.self, capacity: 6) { trap82($0) }
    }
    return registers[0]
}

// ANCHOR: svm-probe
/// The same checks for the SVM guest: every answer comes back in the registers the hypervisor's
/// handler wrote, RIP moved past each 3-byte instruction (or the guest would loop on it).
@_cdecl("pok_svm_guest_main")
public func svmGuestMain() {
    var probe = SVMProbe()
    let test = GuestCall(PalaciosHypercallID.test, 0xAAAA, 0xBBBB, 0xCCCC, 0xDDDD).vmmcall()
    probe.check("VMMCALL TEST_HCALL writes ebx, ecx, edx, esi and leaves eax",
                test.ebx == 0x1111 && test.ecx == 0x2222 && test.edx == 0x3333 && test.esi == 0x4444 && test.eax == 1)
    probe.check("an unregistered ID answers rax = -1 and the guest goes on",
                GuestCall(0xBEEF).vmmcall().eax == 0xFFFF_FFFF)
    let intel = GuestCall(PalaciosHypercallID.test).vmcall()
    probe.check("Intel's VMCALL is decoded from #UD and dispatched as VMMCALL", intel.ebx == 0x1111 && intel.esi == 0x4444)
    // The assignment's Palacios half: TIME_RDHTSC_HCALL (steps 5–6 in the kernel, 7 in Libpok).
    let raw = GuestCall(PalaciosHypercallID.hostTime).vmmcall()
    probe.check("step 6 TIME_RDHTSC_HCALL (0xd001) is registered: rax is not -1", raw.eax == PalaciosHypercallID.hostTime)
    let first = GuestCall.hostTime() ?? 0, second = GuestCall.hostTime() ?? 0
    probe.check("step 7 GuestCall.hostTime() reads the host's counter twice, and it advances", first != 0 && second > first)
    var sum: UInt32 = 0
    for _ in 0..<1000 { sum &+= GuestCall(PalaciosHypercallID.test).vmmcall().edx }
    probe.check("a thousand round trips in a row each come back", sum == 1000 &* 0x3333)
    Palacios.write("svm probe: finished with ")
    Palacios.write(probe.failures)
    Palacios.write(" failures\n")
    // The last call: a message outside the guest makes OS_DEBUG_HCALL fail, which stops the guest.
    _ = GuestCall(PalaciosHypercallID.osDebug, 0xFFFF_FF00, 64, 1).vmmcall()
    Palacios.write("svm probe: still running after a failing handler\n")
}
// ANCHOR_END: svm-probe

struct SVMProbe {
    var failures: UInt64 = 0

    mutating func check(_ name: StaticString, _ passed: Bool) {
        Palacios.write("svm probe: ")
        Palacios.write(name)
        Palacios.write(passed ? ": ok\n" : ": FAILED\n")
        if !passed { failures += 1 }
    }
}
