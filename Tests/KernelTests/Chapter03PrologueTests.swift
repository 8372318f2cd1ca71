// Chapter 3 on the host. The `Kernel` module defines POK_NEEDS_X86_VMM, so the board here is
// x86-qemu-vmm; the x86-qemu build is `KernelX86Qemu` (Chapter03NormalBoardTests.swift), and both
// are checked on metal too (PokdocTests, Chapter03NoInfluence).
@testable import Kernel
import I386HostModel
import Testing

extension HostKernel {
    @Suite("Chapter 3 — the VMM board's interrupt prologue")
    struct Chapter03Prologue {
        @Test("the host kernel is the x86-qemu-vmm board")
        func board() {
            HostWorld.boot()
            #expect(HostWorld.board == "x86-qemu-vmm", "the host build defines POK_NEEDS_X86_VMM: its board must be x86-qemu-vmm")
        }

        @Test("the timer's gate is a DPL-0 interrupt gate to IRQ 0's prologue, not to the handler's stub")
        func timerGate() {
            HostWorld.boot()
            let gate = HostWorld.gateView(32)
            #expect(gate.attributeByte == 0x8E, "on x86-qemu-vmm vector 32 must be a present DPL-0 interrupt gate (0x8E), got \(String.hex(gate.attributeByte))")
            #expect(gate.offset == HostWorld.stub(.irqPrologue(0)), "vector 32 must lead to pok_irq_prologue_0, so the VMM sees the interrupt first")
            #expect(gate.offset != HostWorld.stub(.irq(0)))
        }

        @Test("every timer interrupt passes the prologue, then the clock handler")
        func prologueCounts() {
            let machine = HostWorld.boot()
            for _ in 0..<5 { machine.advanceClock() }
            #expect(InterruptPrologue.seen[0] == 5, "the prologue must record each of the 5 timer interrupts, recorded \(InterruptPrologue.seen[0])")
            #expect(Time.ticks == 5, "after the prologue the registered handler must still advance the clock")
            #expect(HostWorld.serial.contains("[vmm] prologue saw its first interrupt on vector 32\n"))
        }

        @Test("a partition cannot forge a timer interrupt with int $32")
        func noForgedTimer() {
            let machine = HostWorld.boot()
            machine.softwareInterrupt(32)
            let delivery = machine.deliveries.first { $0.source == .software || $0.vector == 13 }
            #expect(delivery?.vector == 13 && delivery?.errorCode == 32 * 8 + 2,
                    "int $32 from CPL 3 must raise #GP(0x102) on the VMM board's DPL-0 gate")
            #expect(Time.ticks == 0)
        }
    }
}
