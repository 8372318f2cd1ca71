// Chapter 2: the syscall gate. Vector 42, 32-bit interrupt gate, DPL 3, selector 0x08; EAX = ID,
// EBX = partition-relative pointer to {nargs, arg1…arg5}; result in EAX; every other register
// preserved; bad ID or bad pointer → EINVAL (1) and the kernel keeps running.
// Sources: docs/ARCHITECTURE.md, "The ABI"; POK's syscalls.c, syscall.c and libpok syscall.c.
@testable import Kernel
import Conformance
import I386HostModel
import Libpok
import Testing

/// POK_ERRNO_EINVAL.
private let einval: UInt32 = 1

extension HostKernel {
    @Suite("Chapter 2 — the syscall gate")
    struct Chapter02SyscallGate {
        // syscalls.c: pok_idt_set_gate(42, GDT_CORE_CODE_SEGMENT << 3, syscall_gate, IDTE_INTERRUPT, 3).
        @Test("Gate 42 is a present DPL-3 interrupt gate (0xEE), selector 0x08, to the syscall entry stub")
        func gate42() {
            HostWorld.boot()
            let gate = HostWorld.gateView(42)
            #expect(gate.attributeByte == Profiles.pokSyscall.gate.attributeByte,
                    "gate 42 must be 0xEE (present, DPL 3, 32-bit interrupt gate); got \(String.hex(gate.attributeByte)) — see Chapter 2, 'Who may call the gate'")
            #expect(gate.selector == 0x08, "the syscall handler runs in the kernel code segment 0x08, got \(String.hex(gate.selector))")
            #expect(gate.offset == HostWorld.stub(.syscall), "gate 42 must point at the syscall entry stub (\(String.hex(HostWorld.stub(.syscall)))), got \(String.hex(gate.offset))")
            #expect(gate.reservedByte == 0)
            #expect(IDT.gate(42) == GateDescriptor(offset: HostWorld.stub(.syscall), selector: 0x08, type: .interrupt32, privilegeLevel: 3).encoded)
        }

        // libpok: pok_syscall2(POK_SYSCALL_CONSWRITE, buffer, length); kernel: CHECK_PTR, then pok_cons_write.
        @Test("CONSWRITE from CPL 3 prints the partition's message and returns 0")
        func consoleWrite() throws {
            let machine = HostWorld.boot()
            let message = "hello from partition 0\n"
            let length = HostWorld.place(message, at: 0x200)
            let frames = HostWorld.framesSeen(forVector: 42) {
                let result = pokSyscall2(.consoleWrite, 0x200, length)
                #expect(result == 0, "CONSWRITE of a buffer inside the partition must return POK_ERRNO_OK (0), got \(result)")
            }
            #expect(HostWorld.serial.hasSuffix(message), "the message must appear on COM1; transcript: \(HostWorld.serial)")
            #expect(SoftInterrupt.lastOutcome == .returned, "the syscall must return to the partition through iret")
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 42 && delivery.source == .software && delivery.fromCPL == 3,
                    "the call must be an `int $42` from CPL 3, got vector \(delivery.vector) from CPL \(delivery.fromCPL)")
            let frame = try #require(frames.first, "the syscall stub never called the kernel")
            #expect(frame.cs & 3 == 3 && frame.cs == 0x23, "the dispatcher's frame must carry the partition's CS 0x23 (RPL 3), got \(String.hex(frame.cs))")
            #expect(frame.eax == 10, "EAX in the frame is the syscall ID (CONSWRITE = 10), got \(frame.eax)")
            #expect(machine.cpl == 3, "after the call the CPU is back at CPL 3")
        }

        // kernel syscall.c GETTICK: writes the tick counter (uint64_t) through the partition pointer.
        @Test("GETTICK writes the tick count through its pointer, and it grows with the clock")
        func getTick() {
            let machine = HostWorld.boot()
            func readTicks() -> (UInt32, UInt64) {
                var ticks: UInt64 = 0xDEAD_BEEF_DEAD_BEEF
                let result = PartitionAddress.with(&ticks) { address in pokSyscall1(.getTick, address) }
                return (result, ticks)
            }
            let (first, zero) = readTicks()
            #expect(first == 0 && zero == 0, "right after boot GETTICK must return 0 and store 0 ticks, got result \(first), ticks \(String.hex(zero))")
            for _ in 0..<37 { machine.advanceClock() }
            let (second, later) = readTicks()
            #expect(second == 0 && later == 37, "after 37 timer interrupts GETTICK must store 37, got \(later)")
        }

        // docs/ARCHITECTURE.md, "The ABI": the result in EAX, every other register preserved. `int imm8` is 2 bytes (CD ib).
        @Test("Every register but EAX survives a syscall; EIP moves past the 2-byte int")
        func registersPreserved() {
            let machine = HostWorld.boot()
            var rng = SeededGenerator(seed: 0x2A)
            let blockAt: UInt32 = 0x400
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x800), at: blockAt)
            for round in 0..<50 {
                machine.registers.ecx = .random(in: .min ... .max, using: &rng)
                machine.registers.edx = .random(in: .min ... .max, using: &rng)
                machine.registers.esi = .random(in: .min ... .max, using: &rng)
                machine.registers.edi = .random(in: .min ... .max, using: &rng)
                machine.registers.ebp = .random(in: .min ... .max, using: &rng)
                machine.registers.esp = .random(in: .min ... .max, using: &rng)
                machine.registers.eip = .random(in: 0 ... 0xFFFF, using: &rng)
                machine.registers.ds = .random(in: .min ... .max, using: &rng) | 3
                machine.registers.es = .random(in: .min ... .max, using: &rng) | 3
                let flags = [EFLAGS.carry, EFLAGS.zero, EFLAGS.sign, EFLAGS.direction, EFLAGS.overflow]
                    .filter { _ in Bool.random(using: &rng) }.reduce(0, |)
                machine.registers.eflags = EFLAGS.reserved | EFLAGS.interruptEnable | flags
                var expected = machine.registers
                let result = HostWorld.trap(eax: Kernel.SyscallID.getTick.rawValue, ebx: blockAt)
                expected.eax = 0
                expected.ebx = blockAt
                expected.eip = expected.eip &+ 2
                #expect(result == 0, "round \(round): GETTICK failed with \(result)")
                #expect(machine.registers == expected,
                        "round \(round): only EAX may change across `int $42` (and EIP advances by 2); before \(expected), after \(machine.registers)")
            }
        }

        // docs/ARCHITECTURE.md, "The ABI": a bad ID is EINVAL and the kernel keeps running (POK: default case returns EINVAL).
        @Test("Unknown syscall IDs return EINVAL (1) and the kernel keeps running")
        func unknownIDs() {
            let machine = HostWorld.boot()
            var rng = SeededGenerator(seed: 0xBAD1D)
            let known = Set(Kernel.SyscallID.allCases.map(\.rawValue))
            var tried: [UInt32] = [0, 1, 9, 12, 42, 45, 100, 708, 0x7FFF_FFFF, 0xFFFF_FFFF]
            while tried.count < 300 {
                let id = Bool.random(using: &rng) ? UInt32.random(in: 0...1000, using: &rng) : .random(in: .min ... .max, using: &rng)
                if !known.contains(id) { tried.append(id) }
            }
            let blockAt: UInt32 = 0x400
            HostWorld.placeBlock(SyscallArguments(nargs: 2, 0x200, 4), at: blockAt)
            for id in tried {
                let result = HostWorld.trap(eax: id, ebx: blockAt)
                #expect(result == einval, "syscall ID \(id) is not in the table: the kernel must return EINVAL (1), got \(result)")
            }
            #expect(!HostWorld.serial.contains("FAULT") && machine.debugExitCode == nil,
                    "an unknown ID is the caller's mistake, not a fault: the kernel must keep running")
            let length = HostWorld.place("still alive\n", at: 0x200)
            #expect(pokSyscall2(.consoleWrite, 0x200, length) == 0 && HostWorld.serial.hasSuffix("still alive\n"),
                    "after many bad IDs a valid CONSWRITE must still work")
        }

        // Our kernel's choice (Exceptions + SDM INT n): a DPL-0 gate 42 turns every call into #GP(42*8+2).
        @Test("With a DPL-0 gate 42 the call raises #GP(0x152) and the report names IDT vector 42")
        func dplZeroGate() throws {
            let machine = HostWorld.boot()
            HostWorld.patchGate(42, dpl: 0)
            let length = HostWorld.place("never printed", at: 0x200)
            _ = pokSyscall2(.consoleWrite, 0x200, length)
            #expect(SoftInterrupt.lastOutcome == .partitionStopped, "a #GP in the partition must stop it")
            let delivery = try #require(machine.deliveries.last)
            #expect(delivery.vector == 13 && delivery.errorCode == 0x152,
                    "gate 42 has DPL 0: a CPL-3 `int $42` raises #GP(0x152) — see Chapter 2, 'Who may call the gate'; got vector \(delivery.vector)")
            #expect(!machine.deliveries.contains { $0.vector == 42 }, "the syscall handler must never run")
            #expect(!HostWorld.serial.contains("never printed"))
            let line = HostWorld.serial.split(separator: "\n").first { $0.hasPrefix("POK FAULT") } ?? ""
            #expect(line.contains("vector=13 name=#GP error=0x152") && line.hasSuffix("(IDT vector 42)"),
                    "the fault report must show vector=13 and decode the error code as (IDT vector 42); got: \(line)")
        }

        // A handler may re-enable interrupts (sti) and wait: the timer then interrupts the kernel at
        // CPL 0 on the kernel stack (no SS:ESP pushed), and the final iret still returns to CPL 3.
        @Test("THREAD_SLEEP waits inside the syscall: timer interrupts nest at CPL 0, then iret to CPL 3")
        func sleepNestsTimerInterrupts() {
            let machine = HostWorld.boot()
            let before = machine.registers
            let result = pokSyscall1(.threadSleep, 5000)
            #expect(result == 0 && Time.ticks == 5, "sleeping 5000 µs (POK's unit) at 1 kHz must take 5 ticks, got result \(result), \(Time.ticks) ticks")
            let vectors = machine.deliveries.map(\.vector)
            #expect(vectors == [42, 32, 32, 32, 32, 32], "one syscall, then five nested timer interrupts; got \(vectors)")
            #expect(machine.deliveries.dropFirst().allSatisfy { $0.fromCPL == 0 && $0.pushedByCPU.count == 3 },
                    "the nested timer interrupts arrive at CPL 0: EFLAGS, CS, EIP only")
            #expect(machine.cpl == 3 && machine.registers.eflags == before.eflags && machine.registers.esp == before.esp,
                    "after the sleep the partition resumes at CPL 3 with its EFLAGS and stack")
        }

        // syscalls.c PARTITION_ID(cs): the caller is found from the saved CS; the kernel's own CS names no partition.
        @Test("A syscall whose saved CS is not a partition's is EINVAL")
        func callerFromKernelCS() {
            let machine = HostWorld.boot()
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x800), at: 0x400)
            machine.registers.cs = 0x08
            machine.registers.ss = 0x10
            let result = HostWorld.trap(eax: Kernel.SyscallID.getTick.rawValue, ebx: 0x400)
            #expect(result == einval, "with CS 0x08 there is no calling partition to check EBX against: EINVAL, got \(result)")
        }
    }

    @Suite("Chapter 2 — argument checks")
    struct Chapter02Arguments {
        // syscalls.c: pok_check_ptr_in_partition(partition, frame->ebx, sizeof(pok_syscall_args_t)) → EINVAL.
        // Where the block starts inside the partition, its head is a valid GETTICK call
        // (nargs 1, arg1 0x800): a kernel that skipped the check would succeed and return 0.
        // The far addresses come last: without the check the host process would read unmapped memory.
        @Test("An argument block not wholly inside the partition is EINVAL",
              arguments: ["straddling the end", "one byte short", "at size", "past size", "wrapping 0xFFFFFFF0",
                          "0xFFFFFFFF", "kernel space 0xC0000000"])
        func badBlockPointer(where label: String) {
            let machine = HostWorld.boot()
            let size = HostWorld.partitionSize
            let ebx: UInt32 = switch label {
            case "straddling the end": size - 12
            case "one byte short": size - 23
            case "at size": size
            case "past size": size + 0x1000
            case "wrapping 0xFFFFFFF0": 0xFFFF_FFF0
            case "0xFFFFFFFF": 0xFFFF_FFFF
            default: 0xC000_0000
            }
            if ebx < size {
                let head: [UInt32] = [1, 0x800]  // nargs, arg1 of a valid GETTICK
                for (index, word) in head.enumerated() where UInt64(ebx) + UInt64(4 * index + 4) <= UInt64(size) {
                    HostWorld.memory.baseAddress!.storeBytes(of: word, toByteOffset: Int(ebx) + 4 * index, as: UInt32.self)
                }
            }
            let result = HostWorld.trap(eax: Kernel.SyscallID.getTick.rawValue, ebx: ebx)
            #expect(result == einval,
                    "EBX = \(String.hex(ebx)) (\(label)) does not name 24 bytes inside the \(String.hex(size))-byte partition: the gate must check the whole block and return EINVAL, got \(result)")
            #expect(SoftInterrupt.lastOutcome == .returned && machine.debugExitCode == nil, "a bad pointer is EINVAL, not a fault")
        }

        // The last 24 bytes of the partition are a valid block: the check must not be off by one.
        @Test("An argument block in the last 24 bytes of the partition is accepted")
        func blockAtTheEnd() {
            HostWorld.boot()
            let blockAt = HostWorld.partitionSize - 24
            HostWorld.placeBlock(SyscallArguments(nargs: 1, 0x800), at: blockAt)
            let result = HostWorld.trap(eax: Kernel.SyscallID.getTick.rawValue, ebx: blockAt)
            #expect(result == 0, "EBX = size - 24 is the last valid block; the kernel must accept it, got \(result)")
        }

        // syscall.c CONSWRITE: CHECK_PTR(arg1, arg2) — the whole buffer must lie in the partition.
        // The near cases come first: a kernel without the check fails them with a message before a
        // far case makes the host process read unmapped memory.
        @Test("CONSWRITE with a buffer outside the partition is EINVAL and prints nothing",
              arguments: ["ends past size", "starts at size", "kernel space 0xC0000000", "length overflows 32 bits",
                          "length 0xFFFFFFFF"])
        func badBuffer(_ label: String) {
            HostWorld.boot()
            let size = HostWorld.partitionSize
            let (offset, length): (UInt32, UInt32) = switch label {
            case "starts at size": (size, 1)
            case "ends past size": (size - 4, 8)
            case "length overflows 32 bits": (0x100, 0xFFFF_FF00)  // 0x100 + 0xFFFFFF00 wraps to 0 in 32 bits
            case "length 0xFFFFFFFF": (0x10, 0xFFFF_FFFF)
            default: (0xC000_0000, 16)
            }
            let before = HostWorld.serial
            let result = pokSyscall2(.consoleWrite, offset, length)
            #expect(result == einval,
                    "CONSWRITE(\(String.hex(offset)), \(String.hex(length))) reaches outside the partition (\(label)): EINVAL, got \(result)")
            #expect(HostWorld.serial == before, "nothing may be printed from outside the partition")
            #expect(SoftInterrupt.lastOutcome == .returned)
        }

        // Our kernel checks nargs for every call (POK only for SHUTDOWN): CONSWRITE reads 2, so
        // nargs below 2 or above the block's 5 is a lie (Chapter02NargsTests checks every service).
        @Test("CONSWRITE whose nargs is below 2 or above 5 is EINVAL", arguments: [UInt32(0), 1, 6, 0xFFFF_FFFF])
        func lyingArgumentCount(nargs: UInt32) {
            HostWorld.boot()
            let length = HostWorld.place("lie", at: 0x200)
            let before = HostWorld.serial
            var block = SyscallArguments(nargs: nargs, 0x200, length)
            let result = pokDoSyscall(.consoleWrite, &block)
            #expect(result == einval, "CONSWRITE with nargs = \(nargs) must be EINVAL (it reads 2; a block holds 5), got \(result)")
            #expect(HostWorld.serial == before)
        }
    }

    @Suite("Chapter 2 — the ABI shared by kernel and Libpok")
    struct Chapter02ABI {
        // POK keeps pok_syscall_id_t twice (kernel/include and libpok/include); they must agree.
        @Test("Kernel.SyscallID and Libpok.SyscallID list the same names with the same numbers")
        func syscallTablesAgree() {
            let kernel = Dictionary(uniqueKeysWithValues: Kernel.SyscallID.allCases.map { ("\($0)", $0.rawValue) })
            let libpok = Dictionary(uniqueKeysWithValues: Libpok.SyscallID.allCases.map { ("\($0)", $0.rawValue) })
            for (name, value) in kernel {
                #expect(libpok[name] == value, "Kernel.SyscallID.\(name) = \(value) but Libpok has \(libpok[name].map { "\($0)" } ?? "no such case")")
            }
            for name in libpok.keys where kernel[name] == nil {
                Issue.record("Libpok.SyscallID.\(name) has no kernel counterpart")
            }
            #expect(kernel == Profiles.pokSyscall.idsByName, "the kernel's syscall IDs must be POK's: \(Profiles.pokSyscall.idsByName.sorted { $0.value < $1.value })")
            #expect(Kernel.syscallVector == Profiles.pokSyscall.gate.vector && Libpok.syscallVector == Profiles.pokSyscall.gate.vector,
                    "both sides must use vector 42 (POK_SYSCALL_INT_NUMBER), got kernel \(Kernel.syscallVector), Libpok \(Libpok.syscallVector)")
        }

        // pok_syscall_args_t: { uint32_t nargs, arg1 … arg5 } — 24 bytes in kernel and libpok.
        @Test("The argument block is 24 bytes: nargs then arg1…arg5, 4 bytes each")
        func argumentBlockLayout() {
            #expect(MemoryLayout<SyscallArguments>.size == 24 && MemoryLayout<SyscallArguments>.stride == 24,
                    "Libpok.SyscallArguments must be 6 × UInt32 = 24 bytes, got \(MemoryLayout<SyscallArguments>.size)")
            #expect(Kernel.SyscallArguments.size == 24, "the kernel checks 24 bytes at EBX")
            #expect(MemoryLayout<Kernel.SyscallArguments>.size == 24)
            let paths: [PartialKeyPath<SyscallArguments>] = [\.nargs, \.arg1, \.arg2, \.arg3, \.arg4, \.arg5]
            for (index, path) in paths.enumerated() {
                #expect(MemoryLayout<SyscallArguments>.offset(of: path) == 4 * index,
                        "field \(index) of the argument block must be at offset \(4 * index)")
            }
            var block = SyscallArguments(nargs: 5, 0x11, 0x22, 0x33, 0x44, 0x55)
            let decoded = withUnsafeBytes(of: &block) { Kernel.SyscallArguments(loadingFrom: $0.baseAddress!) }
            #expect(decoded == Kernel.SyscallArguments(nargs: 5, 0x11, 0x22, 0x33, 0x44, 0x55),
                    "the kernel must read back exactly what Libpok wrote")
        }

        // POK errno.h: POK_ERRNO_OK 0, POK_ERRNO_EINVAL 1 — the same numbers on both sides.
        @Test("Kernel PokReturn and Libpok PokReturn agree on OK = 0 and EINVAL = 1")
        func errorCodesAgree() {
            #expect(Kernel.PokReturn.ok.rawValue == 0 && Libpok.PokReturn.ok.rawValue == 0)
            #expect(Kernel.PokReturn.invalid.rawValue == 1 && Libpok.PokReturn.invalid.rawValue == 1)
            for value in Kernel.PokReturn.allCases.map(\.rawValue) {
                if let libpok = Libpok.PokReturn(rawValue: value) {
                    #expect(libpok.rawValue == value)
                }
            }
        }
    }
}
