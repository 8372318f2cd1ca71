// Chapter 5's assignment, the Xen half: xen_version (17), one suite per step, each failure naming
// its step; a step that stands on an earlier one says which. Runs on KernelXenPV / LibpokXenPV.
@testable import KernelXenPV
import LibpokXenPV
import I386HostModel
import Conformance
import Testing

/// The Xen half's facts, from the conformance data (so a step's tests do not depend on step 1).
enum Chapter5ABI {
    static let xenVersion = HypercallInterfaces.xen.number("__HYPERVISOR_xen_version")!
    static let version: UInt32 = 0x1_0000
    static let enosys = UInt32(bitPattern: Int32(HypercallInterfaces.xen.missing.value))

    /// Why number 17 cannot reach a definition yet, as a later step says it.
    static func missingTableEntry(for step: String) -> String? {
        if KernelXenPV.XenHypercallID.xenVersion.rawValue != xenVersion {
            return "\(step) needs step 1 first: XenHypercallID.xenVersion is \(String.hex(KernelXenPV.XenHypercallID.xenVersion.rawValue)), not Xen's \(xenVersion)"
        }
        if KernelXenPV.XenHypercallTable.entries[Int(xenVersion)] == nil {
            return "\(step) needs step 2 first: slot \(xenVersion) of the hypercall table is empty, so number \(xenVersion) is a hole (-ENOSYS)"
        }
        return nil
    }
}

extension HostKernel {
    @Suite("Chapter 5 — step 1: the number")
    struct Chapter05Step1Number {
        // Mutant caught: xenVersion = 16 on either side.
        @Test("xen_version is Xen's number 17, in the kernel and in Libpok")
        func number() {
            #expect(KernelXenPV.XenHypercallID.xenVersion.rawValue == Chapter5ABI.xenVersion,
                    "Step 1 (the number): the kernel's XenHypercallID.xenVersion is \(String.hex(KernelXenPV.XenHypercallID.xenVersion.rawValue)); Xen's __HYPERVISOR_xen_version is \(Chapter5ABI.xenVersion)")
            #expect(LibpokXenPV.XenHypercallID.xenVersion.rawValue == Chapter5ABI.xenVersion,
                    "Step 1 (the number): Libpok's XenHypercallID.xenVersion is \(String.hex(LibpokXenPV.XenHypercallID.xenVersion.rawValue)); Xen's is \(Chapter5ABI.xenVersion)")
        }
    }

    @Suite("Chapter 5 — step 2: the table entry")
    struct Chapter05Step2TableEntry {
        // Mutant caught: the entry left out (17 stays a hole), or put in slot 18 over console_io.
        @Test("slot 17 holds a handler, and console_io and sched_op keep theirs")
        func entry() throws {
            XenWorld.boot()
            if KernelXenPV.XenHypercallID.xenVersion.rawValue != Chapter5ABI.xenVersion {
                throw NeedsEarlierStep(description: "Step 2 needs step 1 first: XenHypercallID.xenVersion is not 17")
            }
            #expect(KernelXenPV.XenHypercallTable.entries[17] != nil, "Step 2 (the table entry): slot 17 of the hypercall table is empty: number 17 still answers -ENOSYS")
            #expect(XenWorld.trap(17) != Int32(bitPattern: Chapter5ABI.enosys), "Step 2 (the table entry): int $0x82 with EAX = 17 answered -ENOSYS")
            #expect(Xen.write("still here\n") == 0 && Xen.yield() == 0, "Step 2 (the table entry): console_io or sched_op lost its slot")
        }
    }

    @Suite("Chapter 5 — step 3: the definition")
    struct Chapter05Step3Definition {
        // Mutants caught: answering the version for every command; answering 1 (not major << 16 | minor).
        @Test("XENVER_version answers 0x10000; any other command -ENOSYS; through the page as through int $0x82")
        func definition() throws {
            XenWorld.boot()
            if let missing = Chapter5ABI.missingTableEntry(for: "Step 3") { throw NeedsEarlierStep(description: missing) }
            let answer = UInt32(bitPattern: XenWorld.trap(17, 0))
            #expect(answer != 0xFFFF_FF03, "Step 3 (the definition) is not written yet (the stub answered 0xffffff03)")
            #expect(answer == Chapter5ABI.version, "Step 3 (the definition): xen_version(XENVER_version) answered \(String.hex(answer)); 1.0 is 0x10000 (major << 16 | minor)")
            #expect(UInt32(bitPattern: XenWorld.trap(17, 99)) == Chapter5ABI.enosys, "Step 3 (the definition): xen_version with command 99 must answer -ENOSYS")
            #expect(UInt32(bitPattern: XenHypercallPage.call(17, 0, 0, 0, 0, 0)) == Chapter5ABI.version, "Step 3 (the definition): slot 17 of the page must reach the same answer")
        }
    }

    @Suite("Chapter 5 — step 4: the guest side")
    struct Chapter05Step4GuestSide {
        // Mutant caught: Xen.version() calling slot 18 (console_io) or passing no command.
        @Test("Xen.version() calls xen_version through the page and returns its answer")
        func guest() throws {
            XenWorld.boot()
            if let missing = Chapter5ABI.missingTableEntry(for: "Step 4") { throw NeedsEarlierStep(description: missing) }
            if UInt32(bitPattern: XenWorld.trap(17, 0)) != Chapter5ABI.version {
                throw NeedsEarlierStep(description: "Step 4 needs step 3 first: the kernel's xen_version does not answer 0x10000 yet")
            }
            let answer = UInt32(bitPattern: Xen.version())
            #expect(answer != 0xFFFF_FF04, "Step 4 (the guest side) is not written yet (the stub answered 0xffffff04)")
            #expect(answer == Chapter5ABI.version, "Step 4 (the guest side): Xen.version() returned \(String.hex(answer)), the kernel answers 0x10000")
        }
    }
}
