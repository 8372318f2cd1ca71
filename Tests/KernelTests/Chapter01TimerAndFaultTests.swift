// Chapter 1: the timer interrupt (PIT on IRQ 0, vector 32) and what happens when a partition or
// the kernel faults: the fault report, the end of the run, and QEMU's exit code.
@testable import Kernel
import I386HostModel
import Testing

extension HostKernel {
    @Suite("Chapter 1 — the timer")
    struct Chapter01Timer {
        // pit.c: each IRQ 0 runs pit_interrupt, which sends an EOI (pok_pic_eoi) and counts a tick.
        @Test("Each PIT period advances Time.ticks by one and sends one EOI", arguments: [1, 7, 150])
        func ticksAndEOI(periods: Int) {
            let machine = HostWorld.boot()
            let eoiBefore = machine.pic.master.endOfInterruptCount
            for period in 1...periods {
                let outcome = machine.advanceClock()
                #expect(outcome == .returned, "tick \(period) did not return to the partition: \(outcome)")
            }
            #expect(Time.ticks == UInt32(periods), "\(periods) timer interrupts must give \(periods) ticks, got \(Time.ticks)")
            #expect(machine.pic.master.endOfInterruptCount - eoiBefore == periods,
                    "every timer interrupt must end with an EOI to the master PIC, or IRQ 0 stays in service and the clock stops")
            #expect(machine.pic.master.inService == 0, "after the EOI no line may remain in service")
            #expect(machine.deliveries.allSatisfy { $0.vector == 32 && $0.source == .hardware },
                    "the PIT must arrive on vector 32 (IRQ 0 + PIC base 0x20)")
        }

        // SDM §6.8.1: with IF clear, maskable interrupts are not taken; the request waits in the PIC.
        @Test("With IF clear the timer does not interrupt and ticks do not advance")
        func interruptsDisabled() {
            let machine = HostWorld.boot()
            machine.setInterruptFlag(false)
            for _ in 0..<5 {
                #expect(machine.advanceClock() == .masked, "a maskable interrupt must not be taken while IF = 0")
            }
            #expect(Time.ticks == 0 && machine.deliveries.isEmpty, "no tick may be counted with IF clear, got \(Time.ticks)")
            #expect(machine.pic.master.pending & 1 == 1, "the timer request must wait in the PIC's request register")
            machine.setInterruptFlag(true)
            machine.advanceClock()
            #expect(Time.ticks == 1, "after sti the timer interrupts again")
        }

        // The partition does not notice a timer interrupt: iret restores every register.
        @Test("A timer interrupt returns to the partition with its registers unchanged")
        func transparentToPartition() {
            let machine = HostWorld.boot()
            var rng = SeededGenerator(seed: 32)
            machine.registers.eax = .random(in: .min ... .max, using: &rng)
            machine.registers.ebx = .random(in: .min ... .max, using: &rng)
            machine.registers.ecx = .random(in: .min ... .max, using: &rng)
            machine.registers.edx = .random(in: .min ... .max, using: &rng)
            machine.registers.esi = .random(in: .min ... .max, using: &rng)
            machine.registers.edi = .random(in: .min ... .max, using: &rng)
            machine.registers.ebp = .random(in: .min ... .max, using: &rng)
            machine.registers.eip = 0x1000
            let before = machine.registers
            machine.advanceClock()
            #expect(machine.registers == before, "after a timer interrupt every register must be as before: \(machine.registers) vs \(before)")
        }

        // pic.c: only IRQ 0 and 2 are unmasked; a masked line is never delivered.
        @Test("A masked IRQ line is not delivered")
        func maskedLine() {
            let machine = HostWorld.boot()
            #expect(machine.raiseIRQ(1) == .masked, "IRQ 1 (keyboard) is masked by the PIC init (0xFB)")
            #expect(machine.raiseIRQ(10) == .masked, "IRQ 10 is behind the fully masked slave PIC")
            #expect(machine.deliveries.isEmpty)
        }

        // Our run protocol (docs/ARCHITECTURE.md, "The QEMU protocol"): `ticks=N` ends the run with "tick-budget" and exit code 0x10.
        @Test("The tick budget ends the run with END tick-budget and debug-exit code 0x10")
        func tickBudget() {
            let machine = HostWorld.boot(tickBudget: 5, reportInterval: 2)
            var outcomes: [I386Machine.Outcome] = []
            for _ in 0..<6 { outcomes.append(machine.advanceClock()) }
            #expect(outcomes == [.returned, .returned, .returned, .returned, .partitionStopped, .poweredOff],
                    "tick 5 reaches the budget, ends the run and exits QEMU; nothing runs after that. Got \(outcomes)")
            #expect(Time.ticks == 5)
            #expect(HostWorld.serial.contains("[time] tick 2\n") && HostWorld.serial.contains("[time] tick 4\n"),
                    "the clock prints a progress line every reportInterval ticks")
            #expect(HostWorld.serial.hasSuffix("POK END  tick-budget\n"), "the last line must be the END line; got: \(HostWorld.serial)")
            #expect(machine.debugExitCode == 0x10, "an orderly end writes 0x10 to isa-debug-exit (QEMU exits 33)")
        }
    }

    @Suite("Chapter 1 — exceptions and the fault report")
    struct Chapter01Faults {
        /// The first `POK FAULT` line of the transcript ("" if none).
        static func faultLine(_ serial: String) -> Substring {
            serial.split(separator: "\n").first { $0.hasPrefix("POK FAULT ") } ?? ""
        }

        // SDM Table 6-1: #DE = 0, #UD = 6, no error code. A partition fault stops the partition only.
        @Test("A fault in a partition stops it: FAULT line, \"partition 0 stopped\", END partition-fault, exit 0x10",
              arguments: [(UInt8(0), "#DE", "divide error"), (UInt8(6), "#UD", "invalid opcode")])
        func partitionFault(vector: UInt8, name: String, description: String) {
            let machine = HostWorld.boot()
            machine.registers.eip = 0x0000_2040
            let outcome = machine.raiseException(vector)
            let serial = HostWorld.serial
            #expect(outcome == .partitionStopped, "the kernel must not return to a faulting partition, got \(outcome)")
            let line = Self.faultLine(serial)
            #expect(line.contains("vector=\(vector) name=\(name) ") && line.hasSuffix(" cpl=3 \(description)"),
                    "expected a line `POK FAULT … vector=\(vector) name=\(name) … cpl=3 \(description)`; got: \(serial)")
            #expect(serial.contains("eip=0x2040 cs=0x23"), "a fault saves the EIP of the faulting instruction and the partition's CS")
            #expect(serial.contains("partition 0 stopped by \(name)\n"), "the kernel must say which partition it stopped; got: \(serial)")
            #expect(serial.hasSuffix("POK END  partition-fault\n"), "the run must end with status partition-fault; got: \(serial)")
            #expect(machine.debugExitCode == 0x10, "a partition fault is an orderly end: exit code 0x10, got \(machine.debugExitCode.map { String.hex($0) } ?? "none")")
        }

        // A fault at CPL 0 is the kernel's own bug: a panic, exit code 0x11.
        @Test("A fault at CPL 0 is a kernel panic with exit code 0x11", arguments: [UInt8(0), 6, 13])
        func kernelPanic(vector: UInt8) {
            let machine = HostWorld.boot()
            machine.registers.cs = 0x08
            machine.registers.ss = 0x10
            machine.raiseException(vector)
            let serial = HostWorld.serial
            let line = Self.faultLine(serial)
            #expect(line.contains("vector=\(vector) ") && line.contains(" cs=0x8 cpl=0 "),
                    "the FAULT line must show the kernel's CS 0x8 and cpl=0; got: \(serial)")
            #expect(!serial.contains("partition 0 stopped"), "a kernel fault is not a partition's fault")
            #expect(serial.hasSuffix("POK END  kernel-panic\n"), "a fault in the kernel must end the run as kernel-panic; got: \(serial)")
            #expect(machine.debugExitCode == 0x11, "a kernel panic exits with 0x11 (QEMU exits 35)")
        }

        @Test("After the run has ended nothing more is delivered")
        func nothingAfterEnd() {
            let machine = HostWorld.boot()
            machine.raiseException(6)
            let transcript = HostWorld.serial
            #expect(machine.advanceClock() == .poweredOff && machine.softwareInterrupt(42) == .poweredOff)
            #expect(HostWorld.serial == transcript && Time.ticks == 0, "QEMU has exited: the kernel cannot print or tick any more")
        }

        // POK interrupt.h: interrupt_frame is es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax,
        // error, eip, cs, eflags, esp, ss — 16 dwords, matching SAVE_FRAME in entry-stubs.S.
        @Test("InterruptFrame matches the entry stubs' layout: es at 0 … ss at 60, 64 bytes")
        func frameLayout() {
            let expected: [(PartialKeyPath<InterruptFrame>, Int, String)] = [
                (\.es, 0, "es"), (\.ds, 4, "ds"), (\.edi, 8, "edi"), (\.esi, 12, "esi"), (\.ebp, 16, "ebp"),
                (\.espAtPusha, 20, "esp (pusha)"), (\.ebx, 24, "ebx"), (\.edx, 28, "edx"), (\.ecx, 32, "ecx"),
                (\.eax, 36, "eax"), (\.error, 40, "error"), (\.eip, 44, "eip"), (\.cs, 48, "cs"),
                (\.eflags, 52, "eflags"), (\.esp, 56, "esp"), (\.ss, 60, "ss"),
            ]
            for (path, offset, name) in expected {
                #expect(MemoryLayout<InterruptFrame>.offset(of: path) == offset,
                        "InterruptFrame.\(name) must be at offset \(offset), where the assembly stub stores it")
            }
            #expect(MemoryLayout<InterruptFrame>.size == 64, "the frame is 16 dwords = 64 bytes")
        }

        // The model builds the frame as SAVE_FRAME does; the kernel reads it through InterruptFrame.
        @Test("The handler's frame holds the caller's general registers as pusha saved them")
        func frameContents() throws {
            let machine = HostWorld.boot()
            machine.registers.eax = 0xA; machine.registers.ecx = 0xC; machine.registers.edx = 0xD
            machine.registers.esi = 0x51; machine.registers.edi = 0xD1; machine.registers.ebp = 0xB9
            let frames = HostWorld.framesSeen(forVector: 32) { machine.advanceClock() }
            let frame = try #require(frames.first)
            #expect(frame.eax == 0xA && frame.ecx == 0xC && frame.edx == 0xD && frame.esi == 0x51 && frame.edi == 0xD1 && frame.ebp == 0xB9,
                    "the frame's general registers must be the interrupted code's")
            #expect(frame.ds == 0x2B && frame.es == 0x2B, "the stub saves the partition's DS and ES before loading 0x10")
            #expect(frame.error == 0, "IRQ stubs push a fake error code 0")
        }
    }
}
