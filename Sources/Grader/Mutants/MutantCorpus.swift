// The classic mistakes of Chapter 4, each a patch against the reference (issue: "a mutant
// corpus"). MutantCorpusTests asserts each one's exact score and failing checks.

public enum MutantCorpus {
    static let hypercalls = "Sources/Kernel/Arch/X86/Hypercalls.swift"
    static let dispatcher = "Sources/Kernel/Core/Hypercall.swift"
    static let kernelIDs = "Sources/Kernel/Core/HypercallID.swift"
    static let libpokIDs = "Sources/Libpok/Core/HypercallID.swift"
    static let event = "Sources/Kernel/Arch/X86/Event.swift"
    static let entry = "Sources/Runtime/gate-entries.S"
    static let softInterrupt = "Sources/Runtime/soft-interrupt.S"

    /// The hypercall entry stub's return path: where a clobbering stub loses a register.
    static let returnPath = "    popa\n    addl $4, %esp\n    iret\n// SOLUTION-ELSE"
    static let dispatcherTop = "    guard let id = HypercallID(rawValue: rawID) else { return .invalid }\n"

    static func clobber(_ register: String) -> Mutant {
        Mutant(name: "clobbers-\(register)", summary: "the entry stub loses the caller's \(register.uppercased())",
               edits: [.init(file: entry, find: returnPath, replace: "    popa\n    movl $0x5a5a5a5a, %\(register)\n    addl $4, %esp\n    iret\n// SOLUTION-ELSE")])
    }

    public static let all: [Mutant] = [
        Mutant(name: "wrong-vector", summary: "vector 46 instead of 45, in the kernel and Libpok alike", edits: [
            .init(file: kernelIDs, find: "public let hypercallVector: UInt8 = 45\n", replace: "public let hypercallVector: UInt8 = 46\n"),
            .init(file: libpokIDs, find: "public let hypercallVector: UInt8 = 45\n", replace: "public let hypercallVector: UInt8 = 46\n"),
            .init(file: softInterrupt, find: "    int $45\n", replace: "    int $46\n"),
        ]),
        Mutant(name: "dpl-zero", summary: "the gate's DPL is 0", edits: [
            .init(file: hypercalls, find: "type: .interrupt32, privilegeLevel: 3)", replace: "type: .interrupt32, privilegeLevel: 0)"),
        ]),
        Mutant(name: "trap-gate", summary: "a trap gate instead of an interrupt gate", edits: [
            .init(file: hypercalls, find: "type: .interrupt32, privilegeLevel: 3)", replace: "type: .trap32, privilegeLevel: 3)"),
        ]),
        Mutant(name: "ids-differ", summary: "the kernel's CONSWRITE is 11, Libpok's 10", edits: [
            .init(file: kernelIDs, find: "    case consoleWrite = 10 ", replace: "    case consoleWrite = 11 "),
        ]),
        Mutant(name: "gate-on-x86-qemu", summary: "the normal board installs gate 45 too", edits: [
            .init(file: event, find: "    hypercallInit()\n    #endif\n    // SOLUTION-ELSE",
                  replace: "    hypercallInit()\n    #else\n    IDT.setGate(45, stub: .syscall, type: .interrupt32, privilegeLevel: 3)\n    #endif\n    // SOLUTION-ELSE"),
        ]),
        clobber("ebx"), clobber("ecx"), clobber("edx"), clobber("esi"), clobber("edi"), clobber("ebp"),
        Mutant(name: "result-not-in-eax", summary: "the entry stub drops the gate's answer", edits: [
            .init(file: entry, find: "    call pok_hypercall_gate\n    movl %eax, 40(%esp)\n", replace: "    call pok_hypercall_gate\n"),
        ]),
        Mutant(name: "unchecked-buffer", summary: "CONSWRITE prints its buffer without checking it", edits: [
            .init(file: dispatcher, find: "        return Services.consoleWrite(args, caller)",
                  replace: "        guard args.nargs == 2 else { return .invalid }\n        Console.write(bytes: UnsafeRawBufferPointer(start: caller.partition.pointer(args.arg1), count: Int(args.arg2)))\n        return .ok"),
        ]),
        Mutant(name: "block-without-base", summary: "the gate reads the block at EBX without the partition's base", edits: [
            .init(file: hypercalls, find: "    guard let (caller, arguments) = SoftInterruptCall.decode(frame) else {\n        return PokReturn.invalid.rawValue\n    }\n",
                  replace: "    guard let (caller, _) = SoftInterruptCall.decode(frame) else {\n        return PokReturn.invalid.rawValue\n    }\n    let arguments = SyscallArguments(loadingFrom: UnsafeMutableRawPointer(bitPattern: UInt(frame.pointee.ebx) | 0x1000)!)\n"),
        ]),
        Mutant(name: "unknown-id-ok", summary: "an unknown ID answers OK", edits: [
            .init(file: dispatcher, find: dispatcherTop, replace: "    guard let id = HypercallID(rawValue: rawID) else { return .ok }\n"),
        ]),
        Mutant(name: "dispatcher-loops", summary: "the dispatcher never returns", edits: [
            .init(file: dispatcher, find: dispatcherTop, replace: "    while rawID != 0xFFFF_FFFF { Hardware.disableInterrupts() }\n" + dispatcherTop),
        ]),
        Mutant(name: "triple-fault", summary: "event init wipes the IDT, then faults: #UD, #DF, shutdown", edits: [
            .init(file: event, find: "    hypercallInit()\n    #endif\n    // SOLUTION-ELSE", replace: "    hypercallInit()\n    IDT.initialize()\n    fatalError(\"the IDT is wiped\")\n    #endif\n    // SOLUTION-ELSE"),
        ]),
        Mutant(name: "serial-flood", summary: "the dispatcher prints forever", edits: [
            .init(file: dispatcher, find: dispatcherTop, replace: "    while rawID != 0xFFFF_FFFF { Console.write(\"hypercall hypercall hypercall hypercall\\n\") }\n" + dispatcherTop),
        ]),
        Mutant(name: "forged-output", summary: "the kernel prints a passing probe report and exits with the success code", edits: [
            .init(file: event, find: "    hypercallInit()\n    #endif\n    // SOLUTION-ELSE",
                  replace: "    hypercallInit()\n    Console.write(\"probe: step 5 CONSWRITE (10) prints the buffer and returns OK: ok\\nprobe: finished with 0 failures\\n\")\n    Hardware.exitEmulator(0x10)\n    #endif\n    // SOLUTION-ELSE"),
        ]),
        Mutant(name: "early-success-exit", summary: "the first hypercall exits QEMU with the success code", edits: [
            .init(file: dispatcher, find: dispatcherTop, replace: "    Hardware.exitEmulator(0x10)\n" + dispatcherTop),
        ]),
        Mutant(name: "patches-probe", summary: "the gate rewrites the caller's next instruction (the grader's probe) before returning", edits: [
            .init(file: hypercalls, find: "    return coreHypercall(frame.pointee.eax, arguments, caller).rawValue\n",
                  replace: "    caller.partition.pointer(frame.pointee.eip).storeBytes(of: 0x90, as: UInt8.self)\n    return coreHypercall(frame.pointee.eax, arguments, caller).rawValue\n"),
        ]),
        Mutant(name: "compile-error", summary: "the dispatcher does not compile", edits: [
            .init(file: dispatcher, find: dispatcherTop, replace: "    guard let id = HypercallID(rawValue: rawID) else { return .invalidd }\n"),
        ]),
        Mutant(name: "edits-outside-manifest", summary: "a change to a file the assignment does not list, and a stray file", edits: [
            .init(file: "Sources/Kernel/Core/Services.swift", find: "func consoleWrite", replace: "func consoleWrite_broken"),
        ], extraFiles: ["notes.txt": "my notes\n"]),
    ]

    public static func named(_ name: String) -> Mutant? { all.first { $0.name == name } }
}
