// Chapter 1: how the CPU delivers an interrupt (SDM Vol. 2A "INT n", Vol. 3A §6.12–6.15), seen
// through the i386 host model running the booted kernel's IDT and entry stubs.
@testable import Kernel
import I386HostModel
import Libpok
import Testing

extension HostKernel {
    @Suite("Chapter 1 — interrupt delivery")
    struct Chapter01InterruptDelivery {
        // SDM Vol. 2A INT n: "IF gate DPL < CPL THEN #GP((vector_number * 8) + 2)".
        @Test("int n from CPL 3 through a DPL-0 gate raises #GP(n*8+2)", arguments: [UInt8(42), 45, 13, 6, 0])
        func privilegeCheck(vector: UInt8) throws {
            let machine = HostWorld.boot()
            if vector == 42 || vector == 45 {
                HostWorld.patchGate(vector, dpl: 0, stub: vector == 42 ? .syscall : .hypercall)
            }
            let expected = UInt32(vector) * 8 + 2
            let outcome = machine.softwareInterrupt(vector)
            let delivery = try #require(machine.deliveries.last, "int $\(vector) delivered nothing at all")
            #expect(delivery.vector == 13 && delivery.errorCode == expected,
                    "gate \(vector) has DPL 0: a CPL-3 `int $\(vector)` must raise #GP(\(String.hex(expected))) (vector*8+2: IDT bit set, EXT clear) — got vector \(delivery.vector), error \(delivery.errorCode.map { String.hex($0) } ?? "none")")
            #expect(!machine.deliveries.contains { $0.vector == vector && vector != 13 },
                    "the handler of gate \(vector) must never run: the privilege check comes first")
            #expect(machine.deliveryFaults.first == I386Machine.DeliveryFault(
                attemptedVector: vector, faultVector: 13, errorCode: expected, resolution: .deliveredSerially))
            #expect(HostWorld.serial.contains("error=\(String.hex(expected))") && HostWorld.serial.contains("(IDT vector \(vector))"),
                    "the #GP report must name the error code and the IDT vector; got: \(HostWorld.serial)")
            #expect(outcome == .partitionStopped, "a #GP in a partition stops it")
        }

        // SDM INT n: "IF gate not present THEN #NP((vector_number * 8) + 2 + EXT)".
        @Test("A gate with P = 0 raises #NP(n*8+2)")
        func notPresentGate() throws {
            let machine = HostWorld.boot()
            HostWorld.patchGate(42, dpl: 3, present: false)
            machine.softwareInterrupt(42)
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 11 && delivery.errorCode == 0x152,
                    "a DPL-3 gate with P = 0 must raise #NP(0x152), got vector \(delivery.vector), error \(delivery.errorCode.map { String.hex($0) } ?? "none")")
            #expect(HostWorld.serial.contains("name=#NP") && HostWorld.serial.contains("(IDT vector 42)"))
        }

        // SDM INT n: a descriptor that is not an interrupt, trap or task gate → #GP(vector*8+2+EXT).
        // A cleared IDT entry has type 0, so it is a #GP, not a #NP; a CPU exception sets EXT.
        @Test("An exception whose IDT entry is all zero raises #GP(n*8+3) — EXT set, not #NP")
        func clearedEntry() throws {
            let machine = HostWorld.boot()
            machine.raiseException(15)
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 13 && delivery.errorCode == 15 * 8 + 3,
                    "vector 15 has no gate (type 0): the CPU raises #GP(0x7b) — IDT bit and EXT bit set — got vector \(delivery.vector), error \(delivery.errorCode.map { String.hex($0) } ?? "none")")
        }

        // SDM INT n: "IF ((vector_number << 3) + 7) is not within IDT limit THEN #GP(...)".
        @Test("A vector beyond the IDT limit raises #GP(n*8+2); the last gate inside still works")
        func beyondLimit() throws {
            let machine = HostWorld.boot()
            machine.loadInterruptDescriptorTable(base: IDT.baseAddress, limit: 43 * 8 - 1)  // gates 0…42
            machine.softwareInterrupt(45)
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 13 && delivery.errorCode == 0x16A,
                    "gate 45 lies past the IDT limit (343): `int $45` must raise #GP(0x16a), got vector \(delivery.vector)")

            HostWorld.boot()
            machine.loadInterruptDescriptorTable(base: IDT.baseAddress, limit: 43 * 8 - 1)
            let result = HostWorld.trap(42, eax: 0xFFFF, ebx: 0)
            #expect(machine.deliveries.last?.vector == 42 && result == 1,
                    "gate 42 occupies bytes 336–343, exactly inside limit 343: it must still be delivered")
        }

        // SDM Vol. 3A §6.12.1, Fig. 6-4: with a privilege change the CPU pushes SS, ESP, EFLAGS, CS, EIP.
        @Test("A privilege change pushes the caller's SS, ESP, EFLAGS, CS and EIP")
        func privilegeChangeFrame() throws {
            let machine = HostWorld.boot()
            machine.registers.esp = 0xBEE0
            machine.registers.eip = 0x0000_1230
            machine.registers.eflags |= EFLAGS.carry | EFLAGS.zero
            let before = machine.registers
            let frames = HostWorld.framesSeen(forVector: 42) { _ = HostWorld.trap(42, eax: 0xFFFF, ebx: 0) }
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.fromCPL == 3 && delivery.vector == 42)
            #expect(delivery.pushedByCPU == [UInt32(before.ss), before.esp, before.eflags, UInt32(before.cs), before.eip + 2],
                    "from CPL 3 the CPU must push SS, ESP, EFLAGS, CS, EIP (the EIP after the 2-byte `int`); got \(delivery.pushedByCPU.map { String.hex($0) })")
            let frame = try #require(frames.first, "the syscall handler never ran")
            #expect(frame.ss == UInt32(before.ss) && frame.esp == before.esp,
                    "InterruptFrame.ss/esp must be the partition's stack (\(String.hex(before.ss)):\(String.hex(before.esp))), got \(String.hex(frame.ss)):\(String.hex(frame.esp))")
            #expect(frame.eflags == before.eflags && frame.cs == UInt32(before.cs) && frame.eip == before.eip + 2,
                    "InterruptFrame.eflags/cs/eip must be the caller's, eip pointing after `int $42`")
            #expect(frame.error == 0, "the syscall stub pushes a fake error code 0")
        }

        // SDM Fig. 6-4: without a privilege change only EFLAGS, CS, EIP (and an error code) are pushed.
        @Test("An interrupt at CPL 0 pushes no SS:ESP; a #GP adds its error code")
        func samePrivilegeFrame() throws {
            let machine = HostWorld.boot()
            machine.registers.cs = 0x08
            machine.registers.ss = 0x10
            machine.advanceClock()
            let tick = try #require(machine.deliveries.last)
            #expect(tick.fromCPL == 0 && tick.pushedByCPU.count == 3,
                    "an interrupt taken at CPL 0 stays on the current stack: only EFLAGS, CS, EIP (got \(tick.pushedByCPU.count) values)")
            #expect(machine.cpl == 0 && Time.ticks == 1, "iret must return to CPL 0 after the tick")

            machine.raiseException(13, errorCode: 0x18)
            let fault = try #require(machine.deliveries.last)
            #expect(fault.pushedByCPU.count == 4 && fault.pushedByCPU.last == 0x18,
                    "a #GP pushes EFLAGS, CS, EIP and the error code; got \(fault.pushedByCPU.map { String.hex($0) })")
        }

        // Table 6-1: #GP has an error code; the errorcode stub must not push a fake one over it.
        @Test("An exception with an error code reaches the handler with that code in the frame")
        func errorCodeInFrame() throws {
            let machine = HostWorld.boot()
            machine.registers.eip = 0x0042_0000
            let frames = HostWorld.framesSeen(forVector: 13) { machine.raiseException(13, errorCode: 0x1234) }
            let frame = try #require(frames.first)
            #expect(frame.error == 0x1234 && frame.eip == 0x0042_0000 && frame.cs == 0x23,
                    "the frame must hold the CPU's error code and the faulting EIP and CS; got error \(String.hex(frame.error)), eip \(String.hex(frame.eip)), cs \(String.hex(frame.cs))")
            #expect(HostWorld.serial.contains("error=0x1234 eip=0x420000 cs=0x23"), "the fault report prints the frame; got: \(HostWorld.serial)")
        }

        // SDM §6.12.1.3: "The only difference between an interrupt gate and a trap gate is the way
        // the processor handles the IF flag": an interrupt gate clears IF, a trap gate leaves it.
        @Test("An interrupt gate clears IF in the handler; a trap gate keeps it",
              arguments: [(UInt8(42), GateType.interrupt32), (42, .trap32), (32, .interrupt32), (32, .trap32)])
        func interruptVersusTrapGate(vector: UInt8, type: GateType) throws {
            let machine = HostWorld.boot()
            HostWorld.retype(vector, to: type)
            #expect(machine.interruptsEnabled, "the partition runs with IF set")
            if vector == 32 {
                machine.advanceClock()
            } else {
                _ = HostWorld.trap(42, eax: 0xFFFF, ebx: 0)
            }
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == vector)
            if type == .interrupt32 {
                #expect(!delivery.interruptsEnabledInHandler,
                        "gate \(vector) is an interrupt gate: the CPU must clear IF before the handler runs")
            } else {
                #expect(delivery.interruptsEnabledInHandler,
                        "gate \(vector) is a trap gate: the CPU must leave IF as it was (set)")
            }
            #expect(machine.interruptsEnabled, "iret restores IF from the saved EFLAGS either way")
        }

        // Chapter 2, "Who may call the gate": the syscall gate is an interrupt gate, so the kernel
        // reads the caller's state with IF clear.
        @Test("The booted syscall gate runs its handler with IF clear")
        func syscallRunsWithInterruptsOff() throws {
            let machine = HostWorld.boot()
            _ = HostWorld.trap(42, eax: 0xFFFF, ebx: 0)
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 42 && !delivery.interruptsEnabledInHandler,
                    "gate 42 must be an interrupt gate: the CPU clears IF before the syscall handler runs")
        }

        // SDM IRET: pops EIP, CS, EFLAGS, and ESP, SS when returning to an outer ring; IF comes back.
        @Test("iret returns to CPL 3 with the caller's EFLAGS and stack")
        func interruptReturn() {
            let machine = HostWorld.boot()
            machine.registers.eflags |= EFLAGS.carry | EFLAGS.sign | EFLAGS.overflow
            machine.registers.esp = 0x8000
            let before = machine.registers
            _ = HostWorld.trap(42, eax: 0xFFFF, ebx: 0)
            #expect(machine.cpl == 3, "iret must return to CPL 3 (the RPL of the saved CS)")
            #expect(machine.registers.eflags == before.eflags,
                    "iret must restore EFLAGS, IF included: got \(String.hex(machine.registers.eflags)), expected \(String.hex(before.eflags))")
            #expect(machine.registers.ss == before.ss && machine.registers.esp == before.esp,
                    "iret to an outer ring must restore the caller's SS:ESP")
            #expect(machine.registers.eip == before.eip + 2, "execution continues after the 2-byte `int $42`")
        }

        // SDM Table 6-5: contributory (#GP) then contributory (#NP) → double fault, error code 0.
        @Test("A fault while delivering #GP becomes a double fault (#DF)")
        func doubleFault() throws {
            let machine = HostWorld.boot()
            HostWorld.patchGate(13, dpl: 0, present: false, stub: .exception(13))
            machine.raiseException(13, errorCode: 0)
            #expect(machine.deliveryFaults == [.init(attemptedVector: 13, faultVector: 11, errorCode: 13 * 8 + 3, resolution: .doubleFault)],
                    "delivering #GP through a gate with P = 0 raises #NP; two contributory faults make a #DF")
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 8 && delivery.errorCode == 0, "the CPU must deliver #DF with error code 0")
            #expect(HostWorld.serial.contains("name=#DF"), "the kernel must report the double fault; got: \(HostWorld.serial)")
        }

        // SDM Table 6-5: a benign exception (#UD) whose delivery faults is followed by the fault, serially.
        @Test("A benign exception with a missing gate is followed by #NP, not #DF")
        func benignThenContributory() throws {
            let machine = HostWorld.boot()
            HostWorld.patchGate(6, dpl: 0, present: false, stub: .exception(6))
            machine.raiseException(6)
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 11 && delivery.errorCode == 6 * 8 + 3,
                    "#UD is benign: a #NP while delivering it is simply delivered, with error code 0x33 (EXT set)")
            #expect(HostWorld.serial.contains("(IDT vector 6)"))
        }

        // SDM §6.15 (interrupt 8): "If another exception occurs while attempting to call the
        // double-fault handler, the processor enters shutdown mode" — the triple fault.
        @Test("With an empty IDT a fault escalates: #GP, then #DF, then a triple fault",
              arguments: ["cleared entries", "limit 0"])
        func tripleFault(how: String) {
            let machine = HostWorld.boot()
            if how == "cleared entries" {
                for vector in 0..<256 { IDT.entries[vector] = 0 }
            } else {
                machine.loadInterruptDescriptorTable(base: IDT.baseAddress, limit: 0)
            }
            let outcome = machine.raiseException(6)
            #expect(outcome == .tripleFault, "with no usable gate the CPU cannot deliver #DF: it must shut down (triple fault), got \(outcome)")
            #expect(machine.deliveryFaults.map(\.attemptedVector) == [6, 13, 8],
                    "the CPU tries #UD, then the #GP that raised, then #DF; got \(machine.deliveryFaults.map(\.attemptedVector))")
            #expect(machine.deliveryFaults.map(\.resolution) == [.deliveredSerially, .doubleFault, .tripleFault])
            #expect(machine.deliveries.isEmpty, "no handler can run without an IDT")
        }

        @Test("int $42 from CPL 3 with an empty IDT ends in a triple fault")
        func tripleFaultFromSyscall() {
            let machine = HostWorld.boot()
            for vector in 0..<256 { IDT.entries[vector] = 0 }
            #expect(machine.softwareInterrupt(42) == .tripleFault)
            let codes = machine.deliveryFaults.map(\.errorCode)
            #expect(codes.count == 3 && codes[0] == 0x152,
                    "the first fault is #GP(0x152): EXT clear because `int $42` is a software interrupt; got \(codes.map { String.hex($0) })")
            #expect(codes.count == 3 && codes[1] == 13 * 8 + 3,
                    "delivering that #GP through an empty entry faults with EXT set: #GP(0x6b); got \(codes.map { String.hex($0) })")
        }
    }
}
