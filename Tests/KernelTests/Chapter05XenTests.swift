// Chapter 5, the Xen-style gate in our kernel (POK_NEEDS_XEN_PV), on the host model: the kernel
// built as KernelXenPV, its guest's Libpok as LibpokXenPV. Each failure names the rule it checks.
@testable import KernelXenPV
import LibpokXenPV
import I386HostModel
import Conformance
import Foundation
import Testing

/// Boots KernelXenPV: the guest kernel entered in ring 1, its memory bound for LibpokXenPV.
enum XenWorld {
    static var machine: I386Machine { I386Machine.shared }

    @discardableResult
    static func boot() -> I386Machine {
        let machine = I386Machine.shared
        machine.reset()
        KernelXenPV.BootState.reset(tickBudget: 0, reportInterval: 0)
        LibpokXenPV.PartitionAddress.window = nil
        KernelXenPV.pokBoot(magic: 0, info: 0)
        LibpokXenPV.PartitionAddress.bind(memory)
        return machine
    }

    static var partition: KernelXenPV.Partition { KernelXenPV.Partitions.table[0] }
    static var memory: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(bitPattern: partition.baseAddress), count: Int(partition.size))
    }

    /// A raw `int $0x82` from the current CPL with EAX and EBX…EDI; EAX afterwards.
    static func trap(_ eax: UInt32, _ ebx: UInt32 = 0, _ ecx: UInt32 = 0, _ edx: UInt32 = 0,
                     _ esi: UInt32 = 0, _ edi: UInt32 = 0) -> Int32 {
        machine.registers.eax = eax; machine.registers.ebx = ebx; machine.registers.ecx = ecx
        machine.registers.edx = edx; machine.registers.esi = esi; machine.registers.edi = edi
        machine.softwareInterrupt(0x82)
        return Int32(bitPattern: machine.registers.eax)
    }

    static var serial: String { machine.serial.text }
}

extension HostKernel {
    @Suite("Chapter 5 — a Xen-style guest kernel in ring 1")
    struct Chapter05XenGuest {
        let xen = HypercallInterfaces.xen

        @Test("the guest kernel is entered in ring 1, on DPL-1 segments over its own memory")
        func ringOne() {
            // Mutant caught: Partitions.start with the ring-3 selectors (CPL 3, cs 0x23).
            let machine = XenWorld.boot()
            #expect(machine.cpl == 1, "Xen runs a 32-bit PV guest kernel in ring 1; the guest was entered at CPL \(machine.cpl)")
            #expect(machine.registers.cs == 0x31 && machine.registers.ss == 0x39,
                    "ring-1 code is GDT entry 6 (0x31), data entry 7 (0x39): got cs \(String.hex(machine.registers.cs)), ss \(String.hex(machine.registers.ss))")
            for (ring1, ring3) in [(6, 4), (7, 5)] {
                let (guest, user) = (KernelXenPV.GDT.entries[ring1], KernelXenPV.GDT.entries[ring3])
                #expect((guest >> 45) & 3 == 1, "GDT entry \(ring1) must have DPL 1 (SS's DPL must equal CPL 1)")
                #expect(guest & ~(UInt64(3) << 45) == user & ~(UInt64(3) << 45),
                        "GDT entry \(ring1) must cover the same memory as entry \(ring3), only its DPL differs")
            }
            #expect(XenWorld.serial.contains("entering partition 0 at CPL 1: eip 0x0, cs 0x31, ss 0x39"))
        }

        @Test("vector 0x82 is a 32-bit interrupt gate of DPL 1, as Xen's")
        func gate() throws {
            // Mutant caught: the gate registered with DPL 3 (then ring 3 could call Xen).
            let machine = XenWorld.boot()
            let gate = GateView(bytes: UnsafeRawPointer(bitPattern: machine.idtBase + 0x82 * 8)!)
            #expect(gate.present, "there is no gate at vector 0x82")
            #expect(gate.dpl == xen.entry.gateDPL, "Xen's hypercall gate has DPL \(xen.entry.gateDPL!): the guest kernel may use it, its programs may not; got DPL \(gate.dpl)")
            #expect(gate.isInterruptGate, "a 32-bit interrupt gate (type 0xE), so IF is clear in the kernel; got type \(String.hex(gate.typeBits))")
            #expect(KernelXenPV.xenHypercallVector == xen.entry.vector)
        }

        @Test("int $0x82 from ring 3 raises #GP(0x412) before the kernel runs")
        func ringThreeRefused() {
            // Mutant caught: DPL 3 on gate 0x82 (the call reaches the table and answers).
            let machine = XenWorld.boot()
            machine.enterUserMode(eip: 0x100, esp: 0x7000, codeSelector: 0x23, dataSelector: 0x2B)
            let before = machine.deliveryFaults.count
            machine.registers.eax = KernelXenPV.XenHypercallID.consoleIO.rawValue
            let outcome = machine.softwareInterrupt(0x82)
            let fault = machine.deliveryFaults.dropFirst(before).first
            #expect(fault?.faultVector == 13 && fault?.errorCode == xen.entry.ring3FaultErrorCode,
                    "the DPL-1 gate must refuse CPL 3 with #GP(0x412), vector·8 + 2; got \(fault.map { "vector \($0.faultVector) error \(String.hex($0.errorCode))" } ?? "no fault")")
            #expect(outcome == .partitionStopped, "the kernel stops the program that faulted")
            #expect(XenWorld.serial.contains("error=0x412") && XenWorld.serial.contains("cpl=3"))
        }

        @Test("the hypercall page: every 32-byte slot is mov $n,%eax; int $0x82; ret, padded with int3")
        func page() throws {
            // Mutants caught: a slot with `int $0x80`, a missing `ret`, padding left zero.
            XenWorld.boot()
            let page = try #require(xen.page)
            let memory = XenWorld.memory
            #expect(KernelXenPV.XenHypercallPage.slotSize == UInt32(page.slotSize))
            for number in UInt32(0)..<128 {
                let start = Int(KernelXenPV.XenHypercallPage.offset + number * 32)
                let slot = Array(memory[start ..< start + 32])
                let stub = page.stub(number)
                #expect(Array(slot.prefix(stub.count)) == stub, "slot \(number) must begin \(stub.map { String(format: "%02X", $0) }.joined(separator: " ")); it holds \(slot.prefix(stub.count).map { String(format: "%02X", $0) }.joined(separator: " "))")
                #expect(slot.dropFirst(stub.count).allSatisfy { $0 == 0xCC }, "slot \(number)'s padding must be int3 (CC), so a jump into it traps")
            }
        }

        @Test("console_io(CONSOLEIO_write) through the page prints the guest's bytes and answers 0")
        func consoleThroughPage() {
            // Mutant caught: the gate reading the arguments from EAX/EBX in POK's block layout.
            XenWorld.boot()
            let result = Xen.write("ring-1 guest says hello\n")
            #expect(result == 0, "console_io answers 0 for a write; got \(Int32(bitPattern: result))")
            #expect(XenHypercallPage.lastOutcome == .returned)
            #expect(XenWorld.serial.contains("ring-1 guest says hello"), "the guest's bytes must reach COM1")
        }

        @Test("every number without a handler answers -ENOSYS: the table's holes and everything past its end")
        func holes() {
            // Mutants caught: a hole answering 0 (do_ni_hypercall returning success), console_io ignoring its command.
            XenWorld.boot()
            let enosys = Int32(xen.missing.value)
            let implemented = Set(KernelXenPV.XenHypercallID.allCases.map(\.rawValue))
            for number in UInt32(0)..<UInt32(KernelXenPV.XenHypercallTable.count) where !implemented.contains(number) {
                #expect(XenWorld.trap(number) == enosys, "hypercall \(number) is a hole in the table: -ENOSYS (\(enosys))")
            }
            for number: UInt32 in [64, 65, 0x100, 0x7FFF_FFFF, 0xFFFF_FFFF] {
                #expect(XenWorld.trap(number) == enosys, "hypercall \(String.hex(number)) lies past the table's end: -ENOSYS")
            }
            #expect(XenWorld.trap(KernelXenPV.XenHypercallID.consoleIO.rawValue, 7) == enosys, "console_io with an unknown command: -ENOSYS")
            #expect(XenWorld.trap(KernelXenPV.XenHypercallID.schedOp.rawValue, 9) == enosys, "sched_op with an unknown command: -ENOSYS")
        }

        @Test("a guest pointer outside the guest answers -EFAULT and prints nothing")
        func fault() {
            // Mutant caught: console_io without the bounds check (reads outside the partition).
            XenWorld.boot()
            let printed = XenWorld.serial.count
            let console = KernelXenPV.XenHypercallID.consoleIO.rawValue
            let size = XenWorld.partition.size
            #expect(XenWorld.trap(console, 0, 16, size - 8) == -14, "a buffer that runs past the guest's end: -EFAULT (-14)")
            #expect(XenWorld.trap(console, 0, 0xFFFF_FFFF, 16) == -14, "a count that wraps: -EFAULT")
            #expect(XenWorld.trap(KernelXenPV.XenHypercallID.schedOp.rawValue, 2, size) == -14, "sched_op shutdown with its reason outside the guest: -EFAULT")
            #expect(XenWorld.serial.count == printed)
        }

        @Test("the gate hands back every register but EAX")
        func registersPreserved() {
            // Mutant caught: an entry stub that forgets popa (or clobbers EDI).
            let machine = XenWorld.boot()
            machine.registers.ebp = 0xB1B1_B1B1
            _ = XenWorld.trap(11, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555)
            let r = machine.registers
            #expect([r.ebx, r.ecx, r.edx, r.esi, r.edi, r.ebp] == [0x1111, 0x2222, 0x3333, 0x4444, 0x5555, 0xB1B1_B1B1])
            #expect(machine.cpl == 1, "iret must return to ring 1")
        }

        @Test("sched_op(SCHEDOP_shutdown) ends the run: poweroff in order, crash as a partition fault")
        func shutdown() {
            // Mutant caught: shutdown answering 0 and returning to the guest.
            let machine = XenWorld.boot()
            Xen.shutdown()
            #expect(machine.debugExitCode == 0x10 && XenWorld.serial.contains("POK END  done"),
                    "SHUTDOWN_poweroff ends the run with status done")
            XenWorld.boot()
            Xen.shutdown(reason: LibpokXenPV.XenCommand.shutdownCrash)
            #expect(XenWorld.serial.contains("POK END  partition-fault"), "SHUTDOWN_crash ends the run as a partition fault")
        }

        @Test("the numbers, errnos, vector and page address are written once per side and agree with Xen's")
        func facts() throws {
            // Mutant caught: any one copy changed (e.g. Libpok's sched_op = 28, the page at 0x8000 in partition.ld).
            let names: [KernelXenPV.XenHypercallID: String] = [
                .xenVersion: "__HYPERVISOR_xen_version", .consoleIO: "__HYPERVISOR_console_io", .schedOp: "__HYPERVISOR_sched_op",
            ]
            for id in KernelXenPV.XenHypercallID.allCases {
                #expect(xen.number(names[id] ?? "") == id.rawValue, "\(id) must be Xen's \(names[id] ?? "?")")
            }
            #expect(KernelXenPV.XenHypercallID.allCases.map(\.rawValue) == LibpokXenPV.XenHypercallID.allCases.map(\.rawValue))
            #expect(KernelXenPV.XenErrno.allCases.map(\.rawValue) == LibpokXenPV.XenErrno.allCases.map(\.rawValue))
            #expect(Int64(KernelXenPV.XenErrno.notImplemented.returned) == xen.missing.value)
            #expect(KernelXenPV.xenHypercallVector == LibpokXenPV.xenHypercallVector)
            #expect(KernelXenPV.XenHypercallPage.offset == LibpokXenPV.XenHypercallPage.offset)
            let script = try String(contentsOf: RuntimeTables.runtime.appendingPathComponent("partition.ld"), encoding: .utf8)
            let declared = try #require(script.firstMatch(of: #/pok_hypercall_page = 0x([0-9a-fA-F]+);/#).flatMap { UInt32($0.1, radix: 16) },
                                        "partition.ld must name pok_hypercall_page")
            #expect(declared == KernelXenPV.XenHypercallPage.offset, "partition.ld puts pok_hypercall_page at \(String.hex(declared)); the kernel writes the page at \(String.hex(KernelXenPV.XenHypercallPage.offset))")
        }
    }
}
