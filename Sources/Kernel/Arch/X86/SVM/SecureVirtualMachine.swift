#if POK_NEEDS_X86_SVM
/// The kernel as an SVM hypervisor: it checks that the CPU has SVM, turns it on, and runs partition
/// 0's memory as a guest under VMRUN, handling each #VMEXIT until the guest halts.
/// Palacios: v3_init_svm_cpu / v3_svm_enter, palacios/src/palacios/svm.c
public enum SecureVirtualMachine {
    /// Where the guest starts: the partition's second entry (Sources/Runtime/partition-entry.S,
    /// `.org 16`), which calls `pok_svm_guest_main` and then halts.
    public static let guestEntry: UInt32 = 0x10

    /// The VMCB and the host save area, two 4 KiB-aligned pages carved from static memory.
    nonisolated(unsafe) static var pages = InlineArray<12288, UInt8>(repeating: 0)
    static var vmcb: VMCB { VMCB(page: alignedPage(0)) }
    static var hostSaveArea: UnsafeMutableRawPointer { alignedPage(1) }
    static func alignedPage(_ index: Int) -> UnsafeMutableRawPointer {
        let start = withUnsafeMutablePointer(to: &pages) { UInt(bitPattern: $0) }
        return UnsafeMutableRawPointer(bitPattern: ((start + 4095) & ~UInt(4095)) + UInt(index) * 4096)!
    }

    nonisolated(unsafe) static var registers = GuestRegisters()
    /// #VMEXITs handled in this run, and how many of them were hypercalls.
    nonisolated(unsafe) static var exits: UInt32 = 0
    nonisolated(unsafe) static var hypercalls: UInt32 = 0

    // ANCHOR: svm-enable
    /// CPUID Fn8000_0001 ECX bit 2 says whether the CPU has SVM; then EFER.SVME on, and
    /// VM_HSAVE_PA names the page where VMRUN keeps the host's state. False (and a line saying
    /// why) when there is no SVM: QEMU needs `-cpu qemu32,+svm`.
    static func enable() -> Bool {
        let extended = Hardware.cpuid(0x8000_0001)
        guard extended.ecx & (1 << 2) != 0 else {
            Console.write("[svm] this CPU has no SVM (CPUID 0x80000001 ECX bit 2 is clear): run QEMU with -cpu qemu32,+svm\n")
            return false
        }
        Hardware.writeMSR(0xC000_0080, Hardware.readMSR(0xC000_0080) | 1 << 12)   // EFER.SVME
        Hardware.writeMSR(0xC001_0117, UInt64(UInt(bitPattern: hostSaveArea)))   // VM_HSAVE_PA
        return true
    }
    // ANCHOR_END: svm-enable

    // ANCHOR: svm-run
    /// Runs partition 0 as a guest until it halts: VMRUN, handle the exit, VMRUN again.
    static func runGuest() {
        guard enable() else { return }
        HypercallMap.initialize()
        // The map's rule, shown once: a second handler for a taken ID is refused.
        let again = HypercallMap.registerHypercall(PalaciosHypercallID.osDebug, PalaciosHypercalls.test, context: 0)
        Console.write("[svm] hypercall map: TEST_HCALL 0x1 and OS_DEBUG_HCALL 0xc0c0 registered; OS_DEBUG_HCALL again: ")
        Console.write(again == 0 ? "accepted\n" : "-1, the first handler stays\n")
        let partition = Partitions.table[0]
        Hardware.loadPartitionImage(into: partition.baseAddress, size: partition.size)  // a fresh guest
        vmcb.prepareGuest(base: partition.baseAddress, size: partition.size, rip: guestEntry, rsp: partition.size - 16)
        registers = GuestRegisters()
        exits = 0
        hypercalls = 0
        Console.write("[svm] VMRUN partition 0 as a guest: ASID 1, CPL 0, eip 0x10, intercepts VMMCALL, #UD, HLT\n")
        while true {
            withUnsafeMutablePointer(to: &registers) { Hardware.svmRun(vmcb: vmcb.page, registers: $0) }
            exits &+= 1
            guard VMExit.handle(vmcb, &registers) else { break }
        }
        Console.write("[svm] the guest made ")
        Console.writeDecimal(hypercalls)
        Console.write(" hypercalls in ")
        Console.writeDecimal(exits)
        Console.write(" exits\n")
    }
    // ANCHOR_END: svm-run
}
#endif
