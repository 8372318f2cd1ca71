// Chapter 2, "How many arguments: nargs": a call is served when nargs is at least what the service
// reads and at most 5 (the block's capacity); anything else is EINVAL. POK's kernel checks nargs only
// for SHUTDOWN and its libpok pads one-argument calls to two (pok_syscall2(POK_SYSCALL_GETTICK, ptr, 0)),
// so the padded forms must work. The services are shared, so the rule holds on both gates.
@testable import Kernel
import Conformance
import I386HostModel
import Libpok
import Testing

/// One call the kernel serves, as a partition would make it.
struct NargsCase: Sendable, CustomTestStringConvertible {
    var name: String
    var vector: UInt8
    var id: UInt32
    /// How many arguments the service reads.
    var reads: UInt32
    var testDescription: String { "\(name) through int $\(vector)" }

    /// The block for this call with `nargs`: arguments that are valid for the service.
    func block(nargs: UInt32) -> SyscallArguments {
        switch reads {
        case 2: SyscallArguments(nargs: nargs, 0x200, 3, 0xDEAD, 0xBEEF, 0xF00D)    // CONSWRITE "abc"
        case 1 where id == Profiles.pokSyscall.idsByName["threadSleep"]!:
            SyscallArguments(nargs: nargs, 1000, 0xDEAD, 0xBEEF, 0xF00D, 0xCAFE)     // 1 ms
        default: SyscallArguments(nargs: nargs, 0x800, 0, 0xBEEF, 0xF00D, 0xCAFE)   // result at 0x800
        }
    }

    static let syscalls: [NargsCase] = [
        NargsCase(name: "CONSWRITE", vector: 42, id: Profiles.pokSyscall.idsByName["consoleWrite"]!, reads: 2),
        NargsCase(name: "GETTICK", vector: 42, id: Profiles.pokSyscall.idsByName["getTick"]!, reads: 1),
        NargsCase(name: "PARTITION_GET_ID", vector: 42, id: Profiles.pokSyscall.idsByName["partitionGetID"]!, reads: 1),
        NargsCase(name: "THREAD_SLEEP", vector: 42, id: Profiles.pokSyscall.idsByName["threadSleep"]!, reads: 1),
    ]
    static let hypercalls: [NargsCase] = [
        NargsCase(name: "CONSWRITE", vector: 45, id: Profiles.pokHypercall.idsByName["consoleWrite"]!, reads: 2),
        NargsCase(name: "GETTICK", vector: 45, id: Profiles.pokHypercall.idsByName["getTick"]!, reads: 1),
    ]
}

extension HostKernel {
    @Suite("Chapter 2 — nargs: from what the call reads up to 5")
    struct Chapter02Nargs {
        @Test("every nargs from what the call reads to 5 is served", arguments: NargsCase.syscalls)
        func honestCounts(_ c: NargsCase) {
            HostWorld.boot()
            NargsCheck.honestCounts(c, step: "Chapter 2, 'How many arguments: nargs'")
        }

        @Test("nargs below what the call reads, or above 5, is EINVAL and does nothing", arguments: NargsCase.syscalls)
        func lyingCounts(_ c: NargsCase) {
            HostWorld.boot()
            NargsCheck.lyingCounts(c, step: "Chapter 2, 'How many arguments: nargs'")
        }

        @Test("SHUTDOWN reads nothing: nargs 6 is EINVAL and the run goes on; nargs 5 ends it")
        func shutdown() {
            let machine = HostWorld.boot()
            let id = Profiles.pokSyscall.idsByName["shutdown"]!
            HostWorld.placeBlock(SyscallArguments(nargs: 6), at: 0x400)
            #expect(HostWorld.trap(eax: id, ebx: 0x400) == Profiles.pokSyscall.error("POK_ERRNO_EINVAL")!, "SHUTDOWN with nargs 6 must be EINVAL")
            #expect(!RunReport.finished && machine.debugExitCode == nil, "a refused SHUTDOWN must not end the run")
            HostWorld.placeBlock(SyscallArguments(nargs: 5), at: 0x400)
            _ = HostWorld.trap(eax: id, ebx: 0x400)  // the machine powers off: no result comes back
            #expect(RunReport.finished && HostWorld.serial.contains("POK END") && machine.debugExitCode != nil,
                    "SHUTDOWN reads 0 arguments; nargs 5 must be served and end the run")
        }

        @Test("POK's padded GETTICK through Libpok's pokSyscall2 stores the ticks")
        func pokPaddedGetTick() {
            let machine = HostWorld.boot()
            for _ in 0..<12 { machine.advanceClock() }
            var ticks: UInt64 = 0
            let result = PartitionAddress.with(&ticks) { address in pokSyscall2(.getTick, address, 0) }
            #expect(result == 0 && ticks == 12,
                    "pok_syscall2(POK_SYSCALL_GETTICK, ptr, 0) is how POK's libpok reads the clock; it must store 12, got result \(result), ticks \(ticks)")
        }
    }

    /// The hypercall gate calls the same services, so the same rule holds through `int $45`. The
    /// suite is Chapter 4's: in the student kit there is no gate 45 until step 2.
    @Suite("Chapter 4 — step 5: nargs through the hypercall gate, as through the syscall gate")
    struct Chapter04Step5Nargs {
        @Test("every nargs from what the hypercall reads to 5 is served", arguments: NargsCase.hypercalls)
        func honestCounts(_ c: NargsCase) throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            NargsCheck.honestCounts(c, step: "Step 5 (The dispatcher): call the shared Services, whose nargs rule is Chapter 2's")
        }

        @Test("nargs below what the hypercall reads, or above 5, is EINVAL and does nothing", arguments: NargsCase.hypercalls)
        func lyingCounts(_ c: NargsCase) throws {
            try bootWithHypercallGate(for: "Step 5 (The dispatcher)", gateWritten: true)
            NargsCheck.lyingCounts(c, step: "Step 5 (The dispatcher): call the shared Services, whose nargs rule is Chapter 2's")
        }
    }

    @Suite("Chapter 2 — THREAD_SLEEP takes microseconds")
    struct Chapter02SleepMicroseconds {
        @Test("a sleep lasts its microseconds rounded up to whole 1 kHz ticks",
              arguments: [(UInt32(0), UInt32(0)), (1, 1), (999, 1), (1000, 1), (1001, 2), (5000, 5), (60_000_000, 60_000)])
        func rounding(microseconds: UInt32, ticks: UInt32) {
            #expect(Time.sleepTicks(microseconds: microseconds) == ticks,
                    "THREAD_SLEEP(\(microseconds) µs) at 1 kHz must take \(ticks) ticks (rounded up: a sleep never ends early), got \(Time.sleepTicks(microseconds: microseconds))")
        }

        @Test("THREAD_SLEEP(2500 µs) from a partition waits 3 ticks")
        func sleepFromPartition() {
            HostWorld.boot()
            let result = pokSyscall2(.threadSleep, 2500, 0)
            #expect(result == 0 && Time.ticks == 3, "2.5 ms at 1 kHz rounds up to 3 ticks; got result \(result), \(Time.ticks) ticks")
        }

        @Test("a sleep longer than a minute is EINVAL and does not wait")
        func tooLong() {
            HostWorld.boot()
            #expect(Time.longestSleepMicroseconds == 60_000_000)
            for microseconds: UInt32 in [60_000_001, 0xFFFF_FFFF] {
                let result = pokSyscall1(.threadSleep, microseconds)
                #expect(result == Profiles.pokSyscall.error("POK_ERRNO_EINVAL")! && Time.ticks == 0,
                        "THREAD_SLEEP(\(microseconds) µs) is longer than the kernel's one-minute bound: EINVAL at once, got \(result) after \(Time.ticks) ticks")
            }
        }
    }
}

/// The two checks of the nargs rule, for one call through its gate (after boot).
enum NargsCheck {
    /// Makes the call with `nargs` and returns EAX.
    static func call(_ c: NargsCase, nargs: UInt32) -> UInt32 {
        HostWorld.place("abc", at: 0x200)
        HostWorld.placeBlock(c.block(nargs: nargs), at: 0x400)
        return HostWorld.trap(c.vector, eax: c.id, ebx: 0x400)
    }

    static func honestCounts(_ c: NargsCase, step: String) {
        for nargs in c.reads...Kernel.SyscallArguments.capacity {
            let result = call(c, nargs: nargs)
            #expect(result == 0,
                    "\(step): \(c.name) reads \(c.reads); nargs = \(nargs) is between that and 5, so it must be served (POK's libpok pads one-argument calls to 2); got \(result)")
        }
    }

    static func lyingCounts(_ c: NargsCase, step: String) {
        let lies: [UInt32] = Array(0..<c.reads) + [6, 7, 0x8000_0000, 0xFFFF_FFFF]
        for nargs in lies {
            let serialBefore = HostWorld.serial
            HostWorld.memory.storeBytes(of: UInt64(0x5A5A_5A5A_5A5A_5A5A), toByteOffset: 0x800, as: UInt64.self)
            let ticksBefore = Time.ticks
            let result = call(c, nargs: nargs)
            #expect(result == Profiles.pokSyscall.error("POK_ERRNO_EINVAL")!,
                    "\(step): \(c.name) reads \(c.reads); nargs = \(nargs) is \(nargs < c.reads ? "fewer than it reads" : "more than the block's 5") and must be EINVAL (1); got \(result)")
            #expect(HostWorld.serial == serialBefore, "\(step): a refused \(c.name) (nargs \(nargs)) must print nothing")
            #expect(HostWorld.memory.load(fromByteOffset: 0x800, as: UInt64.self) == 0x5A5A_5A5A_5A5A_5A5A,
                    "\(step): a refused \(c.name) (nargs \(nargs)) must write nothing")
            #expect(Time.ticks == ticksBefore, "\(step): a refused \(c.name) (nargs \(nargs)) must not sleep")
        }
    }
}
