// Chapter 5's assignment, the Palacios half: TIME_RDHTSC_HCALL (0xd001) registered at run time,
// one suite per step. Runs on KernelSVM; step 7 (the guest's side) runs under QEMU
// (Tests/PokdocTests/Chapter05Step7Tests.swift).
@testable import KernelSVM
import I386HostModel
import Conformance
import Testing

enum Chapter5Palacios {
    static let hostTime = HypercallInterfaces.palacios.number("TIME_RDHTSC_HCALL")!
}

extension HostKernel {
    @Suite("Chapter 5 — step 5: the handler")
    struct Chapter05Step5Handler {
        // Mutants caught: the halves swapped (ECX low), RAX overwritten, a counter read once and cached.
        @Test("hostTime puts the host's counter in ECX:EBX, leaves RAX, answers 0")
        func handler() {
            let machine = SVMWorld.run(SVMWorld.image(code: SVMWorld.hlt))
            let vmcb = KernelSVM.SecureVirtualMachine.vmcb
            vmcb.rax = Chapter5Palacios.hostTime
            var registers = KernelSVM.GuestRegisters()
            var readings: [UInt64] = []
            for _ in 0..<2 {
                let status = withUnsafeMutablePointer(to: &registers) {
                    KernelSVM.PalaciosHypercalls.hostTime(KernelSVM.HypercallGuest(vmcb: vmcb, gprs: $0), Chapter5Palacios.hostTime, 0)
                }
                #expect(vmcb.rax != 0xFFFF_FF05, "Step 5 (the handler) is not written yet (the stub answered 0xffffff05)")
                #expect(status == 0, "Step 5 (the handler): it must answer 0, or the hypervisor stops the guest")
                let reading = UInt64(registers.ecx) << 32 | UInt64(registers.ebx)
                #expect(reading == machine.lastTimestamp,
                        "Step 5 (the handler): ECX:EBX is \(String.hex(reading)); the counter read \(String.hex(machine.lastTimestamp)) (ECX the high half, EBX the low)")
                readings.append(reading)
            }
            #expect(vmcb.rax == Chapter5Palacios.hostTime, "Step 5 (the handler): RAX must stay as the guest left it")
            #expect(readings[0] != 0 && readings[1] > readings[0],
                    "Step 5 (the handler): two readings \(readings.map { String.hex($0) }) must come from the counter (ECX high, EBX low) and advance")
        }
    }

    @Suite("Chapter 5 — step 6: the registration")
    struct Chapter05Step6Registration {
        // Mutant caught: registering under 0xd000 (TIME_CPUFREQ_HCALL) or not at all.
        @Test("VMMCALL with EAX = 0xd001 reaches hostTime: RAX is not -1 and EBX holds the counter")
        func registered() {
            let machine = SVMWorld.run(SVMWorld.image(code: SVMWorld.mov(SVMWorld.eax, Chapter5Palacios.hostTime) + SVMWorld.vmmcall + SVMWorld.hlt))
            let rax = UInt32(truncatingIfNeeded: SVMWorld.vmcb.loadUnaligned(fromByteOffset: 0x5F8, as: UInt64.self))
            #expect(rax != 0xFFFF_FFFF, "Step 6 (the registration): TIME_RDHTSC_HCALL (0xd001) is not registered: the guest read RAX = -1")
            #expect(rax != 0xFFFF_FF05, "Step 6 needs step 5 first: the handler's stub answered 0xffffff05")
            #expect(KernelSVM.SecureVirtualMachine.registers.ebx != 0, "Step 6 (the registration): the handler ran, but EBX is 0")
            #expect(machine.svm.exits == [0x81, 0x78], "Step 6 (the registration): the guest must go on to its HLT")
            #expect(KernelSVM.PalaciosHypercallID.hostTime == Chapter5Palacios.hostTime, "the ID is Palacios's TIME_RDHTSC_HCALL")
        }
    }
}
