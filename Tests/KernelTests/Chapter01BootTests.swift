// Chapter 1: what `pok_boot` leaves behind — the IDT after `pok_event_init`, the PIC and PIT the
// BSP programmed, the console, and the CPU in partition 0 at CPL 3.
@testable import Kernel
import I386HostModel
import Testing

extension HostKernel {
    @Suite("Chapter 1 — boot and event init")
    struct Chapter01EventInit {
        static let exceptionVectors: [UInt8] = (0...19).filter { $0 != 15 }

        // SDM §6.10: IDTR holds base and limit; 256 gates × 8 bytes - 1 = 2047.
        @Test("IDTR points at the kernel's 256-gate IDT (limit 2047)")
        func idtRegister() {
            let machine = HostWorld.boot()
            #expect(machine.idtBase == IDT.baseAddress, "lidt must load the address of IDT.entries")
            #expect(machine.idtLimit == 2047, "the IDT limit is 256 × 8 - 1 = 2047, got \(machine.idtLimit)")
        }

        // POK exceptions.c: vectors 0–19 but 15 get interrupt gates with selector 0x08 (GDT_CORE_CODE_SEGMENT << 3).
        @Test("Exception vectors 0–19 (not 15) are present interrupt gates, selector 0x08, to their own stubs",
              arguments: Chapter01EventInit.exceptionVectors)
        func exceptionGates(vector: UInt8) {
            HostWorld.boot()
            let gate = HostWorld.gateView(vector)
            #expect(gate.present, "exception \(vector) has no present gate: Exceptions.initialize must install 0–19 except 15")
            #expect(gate.isInterruptGate, "exception \(vector) must use an interrupt gate (type 0xE) so IF is cleared in the handler")
            #expect(gate.selector == 0x08, "exception \(vector)'s gate must use the kernel code selector 0x08, got \(String.hex(gate.selector))")
            #expect(gate.offset == HostWorld.stub(.exception(vector)), "exception \(vector)'s gate must point at its own entry stub")
            // Our kernel's choice (Exceptions.initialize): DPL 0 so `int $13` from a partition is a
            // #GP, except #BP and #OF, which `int3` / `into` raise on purpose.
            let expectedDPL: UInt8 = (vector == 3 || vector == 4) ? 3 : 0
            #expect(gate.dpl == expectedDPL, "exception \(vector)'s gate should have DPL \(expectedDPL), got \(gate.dpl)")
        }

        // SDM Table 6-1: vector 15 is Intel-reserved; POK does not install it.
        @Test("Vector 15 (Intel reserved) has no gate")
        func reservedVector() {
            HostWorld.boot()
            #expect(!HostWorld.gateView(15).present, "vector 15 is reserved and must stay not present")
        }

        // POK bsp.c / arch.c: pok_bsp_irq_register(0, …) → pok_arch_event_register(32, …). On
        // x86-qemu that is a trap gate of DPL 3 straight to the handler's stub; on x86-qemu-vmm
        // (Chapter 3) an interrupt gate of DPL 0 to the line's interrupt prologue.
        @Test("Vector 32 (PIT, IRQ 0) is registered: a present gate through selector 0x08 to IRQ 0's entry")
        func timerGate() {
            HostWorld.boot()
            let gate = HostWorld.gateView(32)
            #expect(gate.present, "the PIT's IRQ 0 is remapped to vector 32: PIT.initialize must register it")
            #expect(gate.selector == 0x08, "vector 32 must lead into the kernel code segment 0x08, got \(String.hex(gate.selector))")
            if HostWorld.board == "x86-qemu-vmm" {
                #expect(gate.isInterruptGate && gate.dpl == 0 && gate.offset == HostWorld.stub(.irqPrologue(0)),
                        "on x86-qemu-vmm vector 32 must be a DPL-0 interrupt gate to IRQ 0's interrupt prologue (attribute 0x8e), got \(String.hex(gate.attributeByte))")
            } else {
                #expect(gate.isTrapGate && gate.dpl == 3 && gate.offset == HostWorld.stub(.irq(0)),
                        "on x86-qemu vector 32 must be a DPL-3 trap gate to the IRQ 0 stub, as POK's pok_arch_event_register (attribute 0xef), got \(String.hex(gate.attributeByte))")
            }
        }

        // pok_idt_init clears all 256 entries; only the registered vectors may be present.
        @Test("Every vector without a handler is not present")
        func unusedVectorsAbsent() {
            HostWorld.boot()
            var registered = Set(Self.exceptionVectors)
            registered.formUnion([32, 42])  // PIT, syscall
            // Vector 45 is the hypercall gate: Chapter 4's business (its own tests check it), and
            // absent in the student kit until step 2 is written.
            for vector in 0...255 where !registered.contains(UInt8(vector)) && vector != 45 {
                let gate = HostWorld.gateView(UInt8(vector))
                #expect(!gate.present && gate.low == 0 && gate.high == 0,
                        "vector \(vector) has no handler, so its IDT entry must be all zero (not present); IDT.initialize must clear it")
            }
        }

        // pic.c: ICW2 0x20 / 0x28, masks 0xFB / 0xFF, then pok_bsp_irq_register(0) unmasks IRQ 0.
        @Test("PIC is remapped to vectors 0x20/0x28 with only IRQ 0 and the cascade open")
        func picProgrammed() {
            let pic = HostWorld.boot().pic
            #expect(pic.master.vectorBase == 0x20, "master PIC must deliver IRQ 0–7 at vectors 0x20–0x27, not on top of CPU exceptions (base \(String.hex(pic.master.vectorBase)))")
            #expect(pic.slave.vectorBase == 0x28, "slave PIC must deliver IRQ 8–15 at 0x28–0x2F (base \(String.hex(pic.slave.vectorBase)))")
            #expect(pic.master.initialisationStep == 0 && pic.slave.initialisationStep == 0,
                    "both PICs must have received all of ICW1–ICW4")
            #expect(pic.master.cascade == 0x04 && pic.slave.cascade == 0x02, "ICW3: the slave hangs on the master's IRQ 2")
            #expect(pic.master.mask == 0xFA, "master mask must be 0xFA: IRQ 0 (timer) and IRQ 2 (cascade) open, got \(String.hex(pic.master.mask))")
            #expect(pic.slave.mask == 0xFF, "slave mask must be 0xFF: nothing behind it is used, got \(String.hex(pic.slave.mask))")
        }

        // pit.c: command 0x34 (channel 0, lo/hi, rate generator); 1,193,182 Hz / 1000 Hz = 1193.
        @Test("PIT channel 0 is a rate generator with divisor 1193 (1 kHz)")
        func pitProgrammed() {
            let pit = HostWorld.boot().pit
            #expect(pit.command == 0x34, "the PIT command must be 0x34 (channel 0, lo/hi byte, mode 2), got \(String.hex(pit.command))")
            #expect(pit.divisor == 1193, "1,193,182 Hz / 1000 Hz = 1193; got \(pit.divisor): the low and high byte go to port 0x40 in that order")
            #expect(abs(pit.frequency - 1000) < 1, "the timer must tick at about 1 kHz, got \(pit.frequency) Hz")
        }

        // boot.c prints "POK kernel initialized" after every init; our run protocol adds a BOOT line first.
        @Test("The serial console shows the BOOT line, then \"POK kernel initialized\"")
        func bootTranscript() throws {
            HostWorld.boot()
            let serial = HostWorld.serial
            let boot = try #require(serial.firstRange(of: "POK BOOT"), "the kernel must print the BOOT protocol line on COM1; got: \(serial)")
            let initialized = try #require(serial.firstRange(of: "POK kernel initialized\n"),
                                           "the kernel must print \"POK kernel initialized\" on COM1; got: \(serial)")
            #expect(boot.upperBound <= initialized.lowerBound, "the BOOT line comes before \"POK kernel initialized\"")
            #expect(!serial.contains("FAULT") && HostWorld.machine.debugExitCode == nil, "booting must not fault or end the run")
            #expect(HostWorld.machine.deliveries.isEmpty, "no interrupt may be delivered while the kernel boots with IF clear")
        }

        // pok_context_switch: iret to the partition with IF set (EFLAGS 0x202), CS/SS with RPL 3.
        @Test("Boot ends in partition 0 at CPL 3 with IF set")
        func entersPartition() {
            let machine = HostWorld.boot()
            #expect(machine.cpl == 3, "after pok_boot the CPU must run the partition at CPL 3, got CPL \(machine.cpl)")
            #expect(machine.interruptsEnabled, "the partition runs with IF set, or the timer would never fire")
            #expect(machine.registers.cs == 0x23 && machine.registers.ss == 0x2B,
                    "partition 0 runs in its own segments: CS 0x23, SS 0x2B (got CS \(String.hex(machine.registers.cs)), SS \(String.hex(machine.registers.ss)))")
            #expect(machine.registers.eip == 0, "partition 0 starts at its offset 0")
            #expect(machine.registers.esp == HostWorld.partitionSize - 16, "the partition's stack starts near the top of its segment")
        }
    }
}
