#if POK_BARE_METAL
// The bare-metal side of the hardware seam: each function is a few instructions in
// Sources/Runtime/entry-stubs.S. Nothing above the seam knows which side it runs on.

@_extern(c, "pok_outb") func pok_outb(_ port: UInt16, _ value: UInt8)
@_extern(c, "pok_inb") func pok_inb(_ port: UInt16) -> UInt8
@_extern(c, "pok_lidt") func pok_lidt(_ base: UInt32, _ limit: UInt16)
@_extern(c, "pok_lgdt") func pok_lgdt(_ base: UInt32, _ limit: UInt16)
@_extern(c, "pok_ltr") func pok_ltr(_ selector: UInt16)
@_extern(c, "pok_sti") func pok_sti()
@_extern(c, "pok_cli") func pok_cli()
@_extern(c, "pok_halt") func pok_halt()
@_extern(c, "pok_enter_partition") func pok_enter_partition(_ eip: UInt32, _ esp: UInt32, _ cs: UInt32, _ ds: UInt32)
@_extern(c, "pok_entry_stub_address") func pok_entry_stub_address(_ index: UInt32) -> UInt32
#if POK_NEEDS_X86_VMM
@_extern(c, "pok_irq_prologue_address") func pok_irq_prologue_address(_ line: UInt32) -> UInt32
#endif
#if POK_NEEDS_X86_SVM
@_extern(c, "pok_cpuid") func pok_cpuid(_ leaf: UInt32, _ out: UnsafeMutablePointer<UInt32>)
@_extern(c, "pok_rdmsr") func pok_rdmsr(_ index: UInt32) -> UInt64
@_extern(c, "pok_wrmsr") func pok_wrmsr(_ index: UInt32, _ value: UInt64)
@_extern(c, "pok_rdtsc") func pok_rdtsc() -> UInt64
@_extern(c, "pok_svm_run") func pok_svm_run(_ vmcb: UInt32, _ registers: UnsafeMutableRawPointer)
#endif
@_extern(c, "memset") func c_memset(_ dst: UnsafeMutableRawPointer, _ value: Int32, _ count: UInt) -> UnsafeMutableRawPointer
@_extern(c, "memcpy") func c_memcpy(_ dst: UnsafeMutableRawPointer, _ src: UnsafeRawPointer, _ count: UInt) -> UnsafeMutableRawPointer
@_extern(c, "pok_partition_image_bounds") func pok_partition_image_bounds(_ start: UnsafeMutablePointer<UInt32>, _ end: UnsafeMutablePointer<UInt32>)

/// The hardware seam. POK: the inline asm of kernel/include/arch/x86/ioports.h, event.c, space.c
enum Hardware {
    static func outb(_ port: UInt16, _ value: UInt8) { pok_outb(port, value) }
    static func inb(_ port: UInt16) -> UInt8 { pok_inb(port) }
    static func loadIDT(base: UInt, limit: UInt16) { pok_lidt(UInt32(base), limit) }
    static func loadGDT(base: UInt, limit: UInt16) { pok_lgdt(UInt32(base), limit) }
    static func loadTaskRegister(_ selector: UInt16) { pok_ltr(selector) }
    static func enableInterrupts() { pok_sti() }
    static func disableInterrupts() { pok_cli() }
    static func waitForInterrupt() { pok_halt() }
    static func entryStubAddress(_ stub: EntryStubID) -> UInt32 {
        #if POK_NEEDS_X86_VMM
        if case .irqPrologue(let line) = stub { return pok_irq_prologue_address(UInt32(line)) }
        #endif
        return pok_entry_stub_address(stub.tableIndex)
    }

    /// The privilege switch: `iret` to CPL 3. Does not return.
    static func enterPartition(eip: UInt32, esp: UInt32, codeSelector: UInt16, dataSelector: UInt16) {
        pok_enter_partition(eip, esp, UInt32(codeSelector), UInt32(dataSelector))
    }

    /// The physical memory a partition is loaded into: 1 MiB at 4 MiB, identity-mapped.
    static func partitionMemory(_ partition: Int) -> (base: UInt, size: UInt32) {
        (0x0040_0000 + UInt(partition) * 0x0010_0000, 0x0010_0000)
    }

    /// Copies the partition image embedded in the kernel to `base`, zeroing the rest.
    static func loadPartitionImage(into base: UInt, size: UInt32) {
        var start: UInt32 = 0
        var end: UInt32 = 0
        pok_partition_image_bounds(&start, &end)
        let destination = UnsafeMutableRawPointer(bitPattern: base)!
        _ = c_memset(destination, 0, UInt(size))
        if end > start, end - start <= size {
            _ = c_memcpy(destination, UnsafeRawPointer(bitPattern: UInt(start))!, UInt(end - start))
        }
    }

    /// QEMU's isa-debug-exit device: QEMU exits with (code << 1) | 1. Then the CPU halts for good.
    static func exitEmulator(_ code: UInt8) {
        pok_outb(0xF4, code)
        while true { pok_cli(); pok_halt() }
    }

    #if POK_NEEDS_X86_SVM
    /// `cpuid` (ECX = 0).
    static func cpuid(_ leaf: UInt32) -> (eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32) {
        var out = InlineArray<4, UInt32>(repeating: 0)
        withUnsafeMutablePointer(to: &out) { $0.withMemoryRebound(to: UInt32.self, capacity: 4) { pok_cpuid(leaf, $0) } }
        return (out[0], out[1], out[2], out[3])
    }
    static func readMSR(_ index: UInt32) -> UInt64 { pok_rdmsr(index) }
    /// `rdtsc`.
    static func readTimestamp() -> UInt64 { pok_rdtsc() }
    static func writeMSR(_ index: UInt32, _ value: UInt64) { pok_wrmsr(index, value) }
    /// The world switch: VMRUN the VMCB at `vmcb` (identity-mapped: its address is physical)
    /// with the guest's general registers, back at the #VMEXIT with them updated.
    static func svmRun(vmcb: UnsafeMutableRawPointer, registers: UnsafeMutablePointer<GuestRegisters>) {
        pok_svm_run(UInt32(truncatingIfNeeded: UInt(bitPattern: vmcb)), UnsafeMutableRawPointer(registers))
    }
    #endif

    /// Physical memory is identity-mapped: a Multiboot address is a pointer.
    static func physicalPointer(_ address: UInt32) -> UnsafeRawPointer? {
        UnsafeRawPointer(bitPattern: UInt(address))
    }
}
#endif
