// Chapter 5, the SVM hypervisor (POK_NEEDS_X86_SVM) on the host model: the kernel built as
// KernelSVM runs guest bytes under the model's VMRUN; each failure names the rule it checks.
@testable import KernelSVM
import I386HostModel
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
        @Test("debug")
        func debug() {
            let machine = SVMWorld.run(SVMWorld.image(code: SVMWorld.mov(SVMWorld.eax, 1) + SVMWorld.vmmcall + SVMWorld.hlt))
            print(SVMWorld.serial)
            print(machine.svm.exits)
            print(KernelSVM.SecureVirtualMachine.registers)
        }
    }
}
