extension Profiles {
    /// POK's syscall gate, `int $42`, on both boards.
    /// POK: kernel/arch/x86/syscalls.c, kernel/core/syscall.c, kernel/include/core/syscall.h,
    /// libpok/arch/x86/syscall.c.
    public static let pokSyscall: Profile = {
        let gate = Gate.pokSoftInterrupt(42)   // POK_SYSCALL_INT_NUMBER
        let block = ArgumentBlock.pok
        let sections = GateRules(
            kind: "syscall", gate: gate, blockSize: block.size,
            gateSection: "Chapter 2, 'Who may call the gate'",
            registersSection: "Chapter 2, 'The workflow of a syscall'",
            nargsSection: "Chapter 2, 'How many arguments: nargs'",
            pointerSection: "Chapter 2, 'Bad input'",
            idsSection: "Chapter 2, 'Step 4: the dispatcher'")
        return Profile(
            name: "pok-syscall",
            title: "POK's syscall gate (int $42)",
            boards: ["x86-qemu", "x86-qemu-vmm"],
            gate: gate,
            registers: .pok,
            argumentBlock: block,
            nargs: NargsRule(maximum: block.capacity, otherwise: "POK_ERRNO_EINVAL"),
            pointers: .pok,
            unknownID: "POK_ERRNO_EINVAL",
            calls: [
                .consoleWrite("POK_SYSCALL_CONSWRITE"),
                .reserved("getChar", "POK_SYSCALL_GETCHAR", 11),
                .getTick("POK_SYSCALL_GETTICK"),
                .reserved("threadSleepUntil", "POK_SYSCALL_THREAD_SLEEP_UNTIL", 51),
                Call(name: "threadSleep", pokName: "POK_SYSCALL_THREAD_SLEEP", id: 52, reads: [
                    CallArgument(slot: "arg1", meaning: "microseconds to sleep, at most 60000000"),
                ], results: ["POK_ERRNO_OK", "POK_ERRNO_EINVAL"]),
                .reserved("threadID", "POK_SYSCALL_THREAD_ID", 58),
                Call(name: "partitionGetID", pokName: "POK_SYSCALL_PARTITION_GET_ID", id: 405, reads: [
                    CallArgument(slot: "arg1", meaning: "where to store the caller's partition number (UInt8)", pointer: .bytes(1)),
                ], results: ["POK_ERRNO_OK", "POK_ERRNO_EINVAL"]),
                .reserved("partitionGetPeriod", "POK_SYSCALL_PARTITION_GET_PERIOD", 406),
                Call(name: "shutdown", pokName: "POK_SYSCALL_SHUTDOWN", id: 707,
                     results: ["POK_ERRNO_EINVAL"]),  // served: the machine powers off, nothing returns
            ],
            errors: ErrorCode.pok,
            rules: sections.rules + [
                Rule(id: "ids.kernel-equals-libpok", title: "Kernel and Libpok hold the same table",
                     statement: "Every ID enum the kernel has, Libpok has with the same case names and values, and the same gate vector.",
                     chapterSection: "Chapter 2, 'Two ID tables'"),
            ])
    }()
}
