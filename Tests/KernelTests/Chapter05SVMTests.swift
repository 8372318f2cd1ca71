// Chapter 5, the SVM hypervisor (POK_NEEDS_X86_SVM) on the host model: the kernel built as
// KernelSVM runs guest bytes under the model's VMRUN; each failure names the rule it checks.
@testable import KernelSVM
import I386HostModel
import LibpokXenPV
import Foundation
import Conformance
import Testing

/// Boots KernelSVM with `guest` as partition 0's image (its second entry, offset 0x10, is where
/// the SVM guest starts), then runs the guest under the hypervisor.
enum SVMWorld {
    static var machine: I386Machine { I386Machine.shared }

    /// Guest code at offset 0x10; data (a message) may follow at `data`.
    static func image(code: [UInt8], data: [UInt8] = [], at dataOffset: Int = 0x100) -> [UInt8] {
        var image = [UInt8](repeating: 0x90, count: 0x10) + code
        if !data.isEmpty {
            image += [UInt8](repeating: 0, count: max(0, dataOffset - image.count))
            image += data
        }
        return image
    }

    @discardableResult
    static func run(_ image: [UInt8], svm: Bool = true, configure: (I386Machine) -> Void = { _ in }) -> I386Machine {
        let machine = I386Machine.shared
        machine.reset()
        machine.svmAvailable = svm
        machine.svm.vmrunBudget = 5000
        KernelSVM.BootState.reset(tickBudget: 0, reportInterval: 0)
        KernelSVM.Hardware.partitionImage = image
        defer { KernelSVM.Hardware.partitionImage = [] }
        KernelSVM.pokBoot(magic: 0, info: 0)
        configure(machine)
        machine.setInterruptFlag(false)
        machine.registers.cs = 0x08
        KernelSVM.SecureVirtualMachine.runGuest()
        return machine
    }

    static var vmcb: UnsafeMutableRawPointer { KernelSVM.SecureVirtualMachine.vmcb.page }
    static var serial: String { machine.serial.text }

    /// mov $imm32 into a register: B8+r.
    static func mov(_ register: UInt8, _ value: UInt32) -> [UInt8] {
        [0xB8 + register] + withUnsafeBytes(of: value.littleEndian, Array.init)
    }
    static let eax: UInt8 = 0, ecx: UInt8 = 1, edx: UInt8 = 2, ebx: UInt8 = 3, esi: UInt8 = 6, edi: UInt8 = 7
    static let vmmcall: [UInt8] = [0x0F, 0x01, 0xD9], vmcall: [UInt8] = [0x0F, 0x01, 0xC1], hlt: [UInt8] = [0xF4]
}

extension HostKernel {
    @Suite("Chapter 5 — the SVM hypervisor on the host model")
    struct Chapter05SVM {
        typealias W = SVMWorld
        let palacios = HypercallInterfaces.palacios

        func field<T>(_ offset: Int, _ type: T.Type) -> T { W.vmcb.loadUnaligned(fromByteOffset: offset, as: T.self) }

        @Test("without SVM in CPUID the hypervisor refuses, saying what QEMU needs, and runs nothing")
        func refusal() {
            // Mutant caught: enable() without the CPUID check (the model records wrmsr EFER.SVME as #GP).
            let machine = W.run(W.image(code: W.hlt), svm: false)
            #expect(W.serial.contains("no SVM") && W.serial.contains("-cpu qemu32,+svm"), "the refusal names the missing CPU feature and the QEMU option")
            #expect(machine.svm.vmruns == 0 && machine.svm.faults.isEmpty, "nothing is executed on a CPU without SVM: \(machine.svm.faults)")
        }

        @Test("SVM is on before VMRUN: EFER.SVME set, VM_HSAVE_PA names a 4 KiB-aligned page")
        func enabled() {
            // Mutant caught: VM_HSAVE_PA left 0 (the model's VMRUN is then #GP, as the CPU's).
            let machine = W.run(W.image(code: W.hlt))
            #expect(machine.readMSR(I386Machine.MSR.efer) & I386Machine.MSR.secureVirtualMachineEnable != 0)
            let save = machine.readMSR(I386Machine.MSR.vmHostSaveArea)
            #expect(save != 0 && save % 4096 == 0, "VM_HSAVE_PA must be a page address; got \(String.hex(save))")
            #expect(machine.svm.vmruns == 1 && machine.svm.exits == [I386Machine.ExitCode.hlt])
        }

        @Test("the VMCB the hypervisor writes: intercepts, ASID, a 32-bit guest over partition 0")
        func vmcbFields() {
            // Mutants caught: no VMRUN intercept or ASID 0 (VMEXIT_INVALID), CPL ≠ SS.DPL, a 16-bit CS.
            W.run(W.image(code: W.hlt))
            let partition = KernelSVM.Partitions.table[0]
            #expect(field(0x010, UInt32.self) & 0b11 == 0b11, "VMRUN (required) and VMMCALL intercepted")
            #expect(field(0x008, UInt32.self) & (1 << 6) != 0, "#UD intercepted, so Intel's VMCALL exits too")
            #expect(field(0x00C, UInt32.self) & (1 << 24) != 0, "HLT intercepted: it is how the guest says it is done")
            #expect(field(0x058, UInt32.self) == 1, "ASID 1 (0 is the host's)")
            #expect(field(0x4D0, UInt64.self) & (1 << 12) != 0, "guest EFER.SVME")
            #expect(field(0x558, UInt64.self) & 1 == 1 && field(0x558, UInt64.self) & (1 << 31) == 0, "CR0: protected mode, no paging")
            for (name, offset, attributes) in [("CS", 0x410, 0x49B), ("SS", 0x420, 0x493), ("DS", 0x430, 0x493)] {
                #expect(field(offset + 2, UInt16.self) == UInt16(attributes), "\(name) attributes: present, DPL 0, 32-bit")
                #expect(field(offset + 4, UInt32.self) == partition.size - 1, "\(name) limit: the partition's size")
                #expect(field(offset + 8, UInt64.self) == UInt64(partition.baseAddress), "\(name) base: the partition's memory")
            }
            #expect(field(0x4CB, UInt8.self) == UInt8((field(0x422, UInt16.self) >> 5) & 3), "CPL = SS.DPL")
            #expect(field(0x5D8, UInt64.self) == UInt64(partition.size - 16), "the guest's stack at the top of its memory")
        }

        @Test("VMMCALL: RIP moves past its 3 bytes before dispatch, the handler's registers reach the guest")
        func vmmcallRoundTrip() {
            // Mutant caught: no RIP += 3 (the guest re-executes VMMCALL until the model's VMRUN budget is spent: no HLT exit).
            let code = W.mov(W.eax, 1) + W.vmmcall + W.mov(W.eax, 1) + W.vmmcall + W.hlt
            let machine = W.run(W.image(code: code))
            #expect(machine.svm.exits == [0x81, 0x81, 0x78], "two VMMCALL exits (0x81), then HLT (0x78); got \(machine.svm.exits.map { String.hex($0) })")
            let r = KernelSVM.SecureVirtualMachine.registers
            #expect([r.ebx, r.ecx, r.edx, r.esi, r.edi] == [0x1111, 0x2222, 0x3333, 0x4444, 0x5555], "TEST_HCALL's values, stored by the world switch")
            #expect(field(0x5F8, UInt64.self) == 1, "TEST_HCALL leaves RAX")
        }

        @Test("an unregistered ID: RAX = -1, and the guest goes on")
        func unregistered() {
            // Mutant caught: stopping the guest (Palacios before 2015) or leaving RAX as the ID.
            let code = W.mov(W.eax, 0xBEEF) + W.vmmcall + W.hlt
            let machine = W.run(W.image(code: code))
            #expect(UInt32(truncatingIfNeeded: field(0x5F8, UInt64.self)) == palacios.missing.as32Bit, "Palacios answers \(palacios.missing.name) in RAX")
            #expect(machine.svm.exits == [0x81, 0x78], "the guest went on to its HLT")
        }

        @Test("registration: a duplicate is refused and the first handler stays; remove; a failing handler stops the guest")
        func registration() {
            // Mutants caught: a duplicate replacing the first handler; a handler error ignored.
            W.run(W.image(code: W.hlt))
            let custom: KernelSVM.HypercallHandler = { guest, _, context in guest.rax = context; return 0 }
            let failing: KernelSVM.HypercallHandler = { _, _, _ in -1 }
            #expect(KernelSVM.HypercallMap.registerHypercall(0x6000, custom, context: 7) == 0)
            #expect(KernelSVM.HypercallMap.registerHypercall(0x6000, failing, context: 0) == -1, "a second handler for 0x6000 is refused")
            #expect(KernelSVM.HypercallMap.registerHypercall(0x6001, failing, context: 0) == 0)
            var registers = KernelSVM.GuestRegisters()
            let vmcb = KernelSVM.SecureVirtualMachine.vmcb
            vmcb.rax = 0x6000
            #expect(KernelSVM.HypercallMap.handle(vmcb, &registers) && vmcb.rax == 7, "the first handler ran, with its context")
            vmcb.rax = 0x6001
            #expect(!KernelSVM.HypercallMap.handle(vmcb, &registers), "a handler's error stops the guest")
            #expect(KernelSVM.HypercallMap.removeHypercall(0x6001) == 0 && KernelSVM.HypercallMap.removeHypercall(0x6001) == -1)
            for id in UInt32(0x7000)..<0x7020 { _ = KernelSVM.HypercallMap.registerHypercall(id, custom, context: 0) }
            #expect(KernelSVM.HypercallMap.registerHypercall(0x8000, custom, context: 0) == -1, "a full map refuses")
        }

        @Test("Intel's VMCALL arrives as #UD (exit 0x46) and is answered like VMMCALL; another #UD stops the guest")
        func vmcallThroughUD() {
            // Mutant caught: #UD not intercepted (the guest triple-faults: SHUTDOWN), or every #UD taken for VMCALL.
            let machine = W.run(W.image(code: W.mov(W.eax, 1) + W.vmcall + W.hlt))
            #expect(machine.svm.exits == [0x46, 0x78], "VMCALL is #UD on AMD: exit 0x46, then the guest's HLT; got \(machine.svm.exits.map { String.hex($0) })")
            #expect(KernelSVM.SecureVirtualMachine.registers.ebx == 0x1111, "TEST_HCALL ran for the VMCALL")
            let other = W.run(W.image(code: [0x0F, 0x0B] + W.hlt))  // ud2
            #expect(other.svm.exits == [0x46] && W.serial.contains("#UD in the guest"), "a #UD that is not VMCALL ends the guest")
        }

        @Test("OS_DEBUG_HCALL prints the guest's message from its memory; a message outside it fails")
        func osDebug() {
            // Mutant caught: no bounds check on the message (reads outside the guest).
            let message = Array("guest says hi\n".utf8)
            let code = W.mov(W.eax, 0xC0C0) + W.mov(W.ebx, 0x100) + W.mov(W.ecx, UInt32(message.count)) + W.mov(W.edx, 1) + W.vmmcall + W.hlt
            W.run(W.image(code: code, data: message))
            #expect(W.serial.contains("guest says hi"))
            let outside = W.mov(W.eax, 0xC0C0) + W.mov(W.ebx, 0xFFFF_FF00) + W.mov(W.ecx, 64) + W.mov(W.edx, 1) + W.vmmcall + W.hlt
            let machine = W.run(W.image(code: outside))
            #expect(machine.svm.exits == [0x81] && W.serial.contains("error handling hypercall 0xc0c0"))
        }

        @Test("the model's VMRUN refuses a VMCB as the CPU does: no VMRUN intercept, ASID 0, guest EFER.SVME clear")
        func invalidVMCB() {
            // Mutant caught: a model that runs any VMCB (then a hypervisor bug would pass here and fail on QEMU).
            for (offset, value) in [(0x010, UInt32(0b10)), (0x058, UInt32(0)), (0x4D0, UInt32(0))] {
                let machine = W.run(W.image(code: W.hlt)) { _ in }
                let vmcb = KernelSVM.SecureVirtualMachine.vmcb
                vmcb.prepareGuest(base: KernelSVM.Partitions.table[0].baseAddress, size: KernelSVM.Partitions.table[0].size, rip: 0x10, rsp: 0x100)
                vmcb.page.storeBytes(of: value, toByteOffset: offset, as: UInt32.self)
                var registers = I386Machine.GuestGeneralRegisters()
                #expect(machine.vmrun(vmcb: vmcb.page, registers: &registers) == .exited(code: I386Machine.ExitCode.invalid), "VMCB offset \(String.hex(offset)) = \(value)")
            }
        }

        @Test("the IDs and the unregistered answer are Palacios's, and the guest's copy agrees")
        func facts() {
            // Mutant caught: OS_DEBUG_HCALL = 0xC0C1 on one side.
            #expect(palacios.number("TEST_HCALL") == KernelSVM.PalaciosHypercallID.test)
            #expect(palacios.number("OS_DEBUG_HCALL") == KernelSVM.PalaciosHypercallID.osDebug)
            #expect(palacios.entry.encoding == W.vmmcall)
            #expect(LibpokXenPV.PalaciosHypercallID.test == KernelSVM.PalaciosHypercallID.test)
            #expect(LibpokXenPV.PalaciosHypercallID.osDebug == KernelSVM.PalaciosHypercallID.osDebug)
        }

        @Test("the guest's entry: partition-entry.S places it where the hypervisor starts the guest")
        func guestEntry() throws {
            // Mutant caught: `.org 32` in partition-entry.S (the guest would start in the middle of nothing).
            let source = try String(contentsOf: RuntimeTables.runtime.appendingPathComponent("partition-entry.S"), encoding: .utf8)
            let org = try #require(source.firstMatch(of: #/\.org (\d+)\s+\.global pok_svm_guest_entry/#).flatMap { UInt32($0.1) })
            #expect(org == KernelSVM.SecureVirtualMachine.guestEntry, "partition-entry.S puts pok_svm_guest_entry at \(org); the hypervisor starts the guest at \(String.hex(KernelSVM.SecureVirtualMachine.guestEntry))")
        }
    }
}
