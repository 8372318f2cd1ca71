// The host kernel under test: one I386Machine and the kernel's globals are process-wide, so every
// kernel test lives in a suite nested in `HostKernel`, which runs them one at a time. Each test
// starts with `HostWorld.boot()`: power-on reset, `pok_boot`, partition 0 entered at CPL 3.
@testable import Kernel
import I386HostModel
import Libpok
import Testing

/// The tests build argument blocks and read results as a partition does; the kernel's twins of the
/// same names are written `Kernel.SyscallArguments` and `Kernel.PokReturn`.
typealias SyscallArguments = Libpok.SyscallArguments
typealias PokReturn = Libpok.PokReturn

/// The parent of every kernel test: serialised, because the model and the kernel are globals.
/// Nested suites are named `Chapter01…` / `Chapter02…` so `swift test --filter Chapter01` picks
/// one chapter.
@Suite("Host kernel", .serialized) struct HostKernel {}

/// Resets the world and boots the kernel on the i386 host model.
enum HostWorld {
    static var machine: I386Machine { I386Machine.shared }

    /// Power-on reset of the model, the kernel's globals back to their boot values, `pok_boot`
    /// (GDT, IDT, exceptions, gates, console, PIC, PIT, partition 0, the switch to CPL 3), then
    /// partition 0's memory bound for Libpok.
    /// - Parameters:
    ///   - tickBudget: end the run after this many ticks (0: never, the default for tests).
    ///   - reportInterval: print `[time] tick N` every this many ticks (0: never).
    @discardableResult
    static func boot(tickBudget: UInt32 = 0, reportInterval: UInt32 = 0) -> I386Machine {
        let machine = I386Machine.shared
        machine.reset()
        BootState.reset(tickBudget: tickBudget, reportInterval: reportInterval)
        Libpok.UnwrittenStep.announced = 0
        SoftInterrupt.lastOutcome = .returned
        PartitionAddress.window = nil

        pokBoot(magic: 0, info: 0)

        let partition = Partitions.table[0]
        PartitionAddress.bind(UnsafeMutableRawBufferPointer(
            start: UnsafeMutableRawPointer(bitPattern: partition.baseAddress), count: Int(partition.size)))
        return machine
    }

    /// Partition 0 as the kernel knows it.
    static var partition: Partition { Partitions.table[0] }
    static var partitionSize: UInt32 { partition.size }

    /// Partition 0's memory (partition-relative offset 0 is index 0).
    static var memory: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(
            start: UnsafeMutableRawPointer(bitPattern: partition.baseAddress), count: Int(partition.size))
    }

    /// Everything the kernel printed on COM1 since the reset.
    static var serial: String { machine.serial.text }

    /// Copies `text` into partition memory at `offset`; returns its length.
    @discardableResult
    static func place(_ text: String, at offset: UInt32) -> UInt32 {
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() { memory[Int(offset) + index] = byte }
        return UInt32(bytes.count)
    }

    /// Writes a raw argument block into partition memory at `offset`.
    static func placeBlock(_ block: SyscallArguments, at offset: UInt32) {
        let words = [block.nargs, block.arg1, block.arg2, block.arg3, block.arg4, block.arg5]
        for (index, word) in words.enumerated() {
            memory.baseAddress!.storeBytes(of: word, toByteOffset: Int(offset) + 4 * index, as: UInt32.self)
        }
    }

    /// `int $vector` with EAX = `eax`, EBX = `ebx`, exactly as a partition's trap sequence; the
    /// result is what EAX holds afterwards.
    static func trap(_ vector: UInt8 = 42, eax: UInt32, ebx: UInt32) -> UInt32 {
        SoftInterrupt.raise(vector: vector, eax: eax, ebx: ebx)
    }

    /// The entry-stub address the kernel writes into gate offsets.
    static func stub(_ id: EntryStubID) -> UInt32 { Hardware.entryStubAddress(id) }

    /// Overwrites one IDT gate, as a test that wants a broken kernel.
    static func patchGate(_ vector: UInt8, type: GateType = .interrupt32, dpl: UInt8, present: Bool = true,
                          stub id: EntryStubID = .syscall) {
        IDT.entries[Int(vector)] = GateDescriptor(
            offset: stub(id), selector: Selector.kernelCode, type: type, privilegeLevel: dpl, present: present).encoded
    }

    /// Rewrites gate `vector` with another type, keeping its offset, selector, DPL and P bit.
    static func retype(_ vector: UInt8, to type: GateType) {
        let view = GateView(IDT.entries[Int(vector)])
        IDT.entries[Int(vector)] = GateDescriptor(
            offset: view.offset, selector: view.selector, type: type, privilegeLevel: view.dpl, present: view.present).encoded
    }

    /// The board the host kernel was built for: `x86-qemu`, or `x86-qemu-vmm` when the host build
    /// defines POK_NEEDS_X86_VMM (the `Kernel` module does; `KernelX86Qemu` is the other board).
    static var board: String { "\(BoardSupport.name)" }

    /// The gate at `vector` as the CPU reads it from the IDT memory the kernel loaded.
    static func gateView(_ vector: UInt8) -> GateView {
        GateView(bytes: UnsafeRawPointer(bitPattern: machine.idtBase + UInt(vector) * 8)!)
    }

    /// Runs `body` with a probe that captures the interrupt frame the kernel's handler receives
    /// for deliveries of `vector`; returns the frames seen.
    static func framesSeen(forVector vector: UInt8, _ body: () -> Void) -> [InterruptFrame] {
        var frames: [InterruptFrame] = []
        machine.handlerProbe = { delivery, frame in
            if delivery.vector == vector { frames.append(frame.load(as: InterruptFrame.self)) }
        }
        body()
        machine.handlerProbe = nil
        return frames
    }
}

/// A small seeded generator (SplitMix64) so "random" tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// Hex for failure messages: 0x152.
    static func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
}
