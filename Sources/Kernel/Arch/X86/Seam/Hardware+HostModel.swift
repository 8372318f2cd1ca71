#if !POK_BARE_METAL
import I386HostModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The host side of the hardware seam: the same calls, executed by `I386Machine`.
/// Entry stubs get synthetic addresses; the machine runs them as the assembly would.
enum Hardware {
    static var machine: I386Machine { I386Machine.shared }

    static func outb(_ port: UInt16, _ value: UInt8) { machine.portWrite(port, value) }
    static func inb(_ port: UInt16) -> UInt8 { machine.portRead(port) }
    static func loadIDT(base: UInt, limit: UInt16) { machine.loadInterruptDescriptorTable(base: base, limit: limit) }
    static func loadGDT(base: UInt, limit: UInt16) {}
    static func loadTaskRegister(_ selector: UInt16) {}
    static func enableInterrupts() { machine.setInterruptFlag(true) }
    static func disableInterrupts() { machine.setInterruptFlag(false) }
    /// `sti; hlt` on the host: the next timer period elapses.
    static func waitForInterrupt() { machine.advanceClock() }

    /// Stubs live at 0x0010_1000 + 16 * index, as if assembled into the kernel's text.
    static func entryStubAddress(_ stub: EntryStubID) -> UInt32 {
        let address = 0x0010_1000 + 16 * stub.tableIndex
        machine.registerEntryStub(
            EntryStub(expectsCPUErrorCode: stub.expectsCPUErrorCode, returnsInEAX: stub.returnsInEAX) { frame in
                InterruptDispatch.enter(stub, frame: frame.assumingMemoryBound(to: InterruptFrame.self))
            },
            at: address)
        return address
    }

    static func enterPartition(eip: UInt32, esp: UInt32, codeSelector: UInt16, dataSelector: UInt16) {
        machine.enterUserMode(eip: eip, esp: esp, codeSelector: codeSelector, dataSelector: dataSelector)
    }

    nonisolated(unsafe) private static var partitionWindows: [UInt] = []

    /// Host memory standing in for a partition's segment (allocated once, reused). Each partition
    /// gets a whole 4 GiB window of lazily mapped zero pages, so that a kernel with a missing
    /// pointer check reads zeros — and fails a test — instead of crashing the test process.
    static func partitionMemory(_ partition: Int) -> (base: UInt, size: UInt32) {
        let size: UInt32 = 0x10_0000  // 1 MiB, as on the board
        while partitionWindows.count <= partition {
            let window = mmap(nil, 1 << 32 + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            precondition(window != MAP_FAILED, "cannot reserve the host model's partition window")
            partitionWindows.append(UInt(bitPattern: window))
        }
        return (partitionWindows[partition], size)
    }

    /// The partition image the host "embeds": bytes a test sets (guest code for the SVM tests);
    /// loaded at offset 0 like the real image, the rest zeroed.
    nonisolated(unsafe) static var partitionImage: [UInt8] = []

    static func loadPartitionImage(into base: UInt, size: UInt32) {
        let memory = UnsafeMutableRawPointer(bitPattern: base)!
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: Int(size))
        for (offset, byte) in partitionImage.prefix(Int(size)).enumerated() { memory.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self) }
    }

    /// Records the exit code and unwinds to the code that issued the interrupt.
    static func exitEmulator(_ code: UInt8) {
        machine.portWrite(0xF4, code)
        machine.stopPartition()
    }

    static func physicalPointer(_ address: UInt32) -> UnsafeRawPointer? { nil }

    #if POK_NEEDS_X86_SVM
    static func cpuid(_ leaf: UInt32) -> (eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32) { machine.cpuid(leaf) }
    static func readMSR(_ index: UInt32) -> UInt64 { machine.readMSR(index) }
    static func readTimestamp() -> UInt64 { machine.readTimestampCounter() }
    static func writeMSR(_ index: UInt32, _ value: UInt64) { machine.writeMSR(index, value) }
    /// VMRUN on the model: the guest runs from its bytes until a #VMEXIT (host addresses are the
    /// model's "physical" ones).
    static func svmRun(vmcb: UnsafeMutableRawPointer, registers: UnsafeMutablePointer<GuestRegisters>) {
        var general = I386Machine.GuestGeneralRegisters()
        general.ebx = registers.pointee.ebx; general.ecx = registers.pointee.ecx; general.edx = registers.pointee.edx
        general.esi = registers.pointee.esi; general.edi = registers.pointee.edi; general.ebp = registers.pointee.ebp
        lastVMRun = machine.vmrun(vmcb: vmcb, registers: &general)
        registers.pointee.ebx = general.ebx; registers.pointee.ecx = general.ecx; registers.pointee.edx = general.edx
        registers.pointee.esi = general.esi; registers.pointee.edi = general.edi; registers.pointee.ebp = general.ebp
        if case .hostFault = lastVMRun { vmcb.storeBytes(of: UInt64(0xFFFF_FFFF), toByteOffset: 0x70, as: UInt64.self) }
        if case .guestHung = lastVMRun { vmcb.storeBytes(of: UInt64(0xFFFF_FFFF), toByteOffset: 0x70, as: UInt64.self) }
    }
    /// What the last VMRUN did on the model (a host fault or a hung guest has no exit code of its own).
    nonisolated(unsafe) static var lastVMRun: I386Machine.VMRunOutcome = .guestHung
    #endif
}
#endif
