// Chapter 3 on the host, for the normal board. `KernelX86Qemu` is the same Sources/Kernel built
// without POK_NEEDS_X86_VMM (Package.swift), so these tests run the x86-qemu variant of
// `archEventRegister` through the model, side by side with the VMM build the other suites use.
import Foundation
import I386HostModel
@testable import Kernel
@testable import KernelX86Qemu
import Testing

/// Boots the x86-qemu host kernel on the shared machine: the same steps as `HostWorld.boot`,
/// applied to the other module's globals.
enum NormalBoardWorld {
    @discardableResult
    static func boot() -> I386Machine {
        let machine = I386Machine.shared
        machine.reset()
        KernelX86Qemu.BootState.reset(tickBudget: 0, reportInterval: 0)
        KernelX86Qemu.pokBoot(magic: 0, info: 0)
        return machine
    }

    /// The live table as `pokdoc inspect` prints it, stub addresses named as the image's symbols.
    static func describeIDT(_ gate: (UInt8) -> UInt64) -> [String] {
        (0...255).compactMap { vector -> String? in
            let view = GateView(gate(UInt8(vector)))
            guard view.present else { return nil }
            return "\(vector) selector=0x\(String(view.selector, radix: 16)) attributes=0x\(String(view.attributeByte, radix: 16)) -> \(stubSymbol(view.offset))"
        }
    }

    /// The entry-stub symbol at a host stub address (0x0010_1000 + 16 × table index, as
    /// `Hardware.entryStubAddress` lays them out), named from Sources/Runtime's tables.
    static func stubSymbol(_ offset: UInt32) -> String {
        guard offset >= 0x0010_1000, (offset - 0x0010_1000) % 16 == 0 else { return "0x" + String(offset, radix: 16) }
        let index = Int((offset - 0x0010_1000) / 16)
        return RuntimeTables.entryStubs.indices.contains(index) ? RuntimeTables.entryStubs[index] : "0x" + String(offset, radix: 16)
    }

    static func recordedIDT(_ board: String) throws -> [String] {
        let chapters = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Chapters")
        let chapter3 = try #require(try FileManager.default.contentsOfDirectory(atPath: chapters.path)
            .first { $0.hasPrefix("03-") })
        let file = chapters.appendingPathComponent("\(chapter3)/expected/idt-\(board).txt")
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}

extension HostKernel {
    @Suite("Chapter 3 — the x86-qemu board on the host")
    struct Chapter03NormalBoard {
        @Test("the x86-qemu host kernel is built without the VMM")
        func board() {
            NormalBoardWorld.boot()
            #expect("\(KernelX86Qemu.BoardSupport.name)" == "x86-qemu",
                    "KernelX86Qemu is compiled without POK_NEEDS_X86_VMM: its board must be x86-qemu")
        }

        @Test("event init writes exactly the recorded x86-qemu IDT, the one the booted image dumps")
        func recordedTable() throws {
            NormalBoardWorld.boot()
            let host = NormalBoardWorld.describeIDT(KernelX86Qemu.IDT.gate)
            let recorded = try NormalBoardWorld.recordedIDT("x86-qemu")
            #expect(host == recorded, """
                the host model's x86-qemu IDT differs from Chapters/03-…/expected/idt-x86-qemu.txt:
                only on the host: \(host.filter { !recorded.contains($0) })
                only recorded: \(recorded.filter { !host.contains($0) })
                """)
            #expect(!host.contains { $0.hasPrefix("45 ") }, "the x86-qemu board must have no gate at vector 45")
        }

        /// Vector 45 is left out: it is Chapter 4's hypercall gate, absent until the student writes it
        /// (this suite must pass in the starter kit).
        @Test("the two boards differ at the timer's gate only (45 aside)")
        func boardsDiffer() {
            NormalBoardWorld.boot()
            let normal = NormalBoardWorld.describeIDT(KernelX86Qemu.IDT.gate)
            HostWorld.boot()
            let vmm = NormalBoardWorld.describeIDT(Kernel.IDT.gate).filter { !$0.hasPrefix("45 ") }
            let changed = Set(Set(normal).symmetricDifference(vmm).compactMap { $0.split(separator: " ").first.map(String.init) })
            #expect(changed == ["32"], "x86-qemu and x86-qemu-vmm should differ at vector 32 only (45 aside), not at \(changed.sorted())")
        }

        @Test("the timer reaches the clock through a DPL-3 trap gate: IF stays set and no prologue runs")
        func timerThroughTrapGate() {
            let machine = NormalBoardWorld.boot()
            let gate = GateView(bytes: UnsafeRawPointer(bitPattern: machine.idtBase + 32 * 8)!)
            #expect(gate.attributeByte == 0xEF, "vector 32 must be a present DPL-3 trap gate (0xEF) on x86-qemu, got 0x\(String(gate.attributeByte, radix: 16))")
            for _ in 0..<5 { machine.advanceClock() }
            #expect(KernelX86Qemu.Time.ticks == 5, "5 timer interrupts must give 5 ticks, got \(KernelX86Qemu.Time.ticks)")
            let timer = machine.deliveries.filter { $0.vector == 32 }
            #expect(timer.count == 5 && timer.allSatisfy { $0.source == .hardware && $0.interruptsEnabledInHandler },
                    "a trap gate leaves IF set on entry (SDM §6.12.1.3): \(timer)")
            #expect(!machine.serial.text.contains("[vmm]"), "no VMM code may run on the normal board")
        }

        @Test("int $45 on x86-qemu is refused with #GP(0x16a): the entry is empty, not a gate")
        func noHypercallGate() {
            let machine = NormalBoardWorld.boot()
            machine.softwareInterrupt(45)
            let fault = machine.deliveryFaults.first { $0.attemptedVector == 45 }
            #expect(fault?.faultVector == 13 && fault?.errorCode == 45 * 8 + 2,
                    "an empty IDT entry must give #GP with error code 45·8+2 = 0x16a, got \(String(describing: fault))")
            #expect(machine.serial.text.contains("POK FAULT"), "the kernel must report the partition's fault")
        }
    }
}
