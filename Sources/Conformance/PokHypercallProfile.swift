extension Profiles {
    /// The hypercall gate of POK's paravirtualisation work (PR #3, 2014), `int $45`, on the
    /// x86-qemu-vmm board only. POK (PR #3): kernel/arch/x86/hypercall.c, kernel/core/hypercall.c,
    /// kernel/include/core/hypercall.h, libpok/arch/x86/hypercall.c.
    public static let pokHypercall: Profile = {
        let gate = Gate.pokSoftInterrupt(45)   // POK_HYPERCALL_INT_NUMBER
        let block = ArgumentBlock.pok
        let sections = GateRules(
            kind: "hypercall", gate: gate, blockSize: block.size,
            gateSection: "Chapter 4, 'Step 2: register the gate'",
            registersSection: "Chapter 4, 'The two paths side by side'",
            nargsSection: "Chapter 2, 'How many arguments: nargs'",
            pointerSection: "Chapter 4, 'Step 4: the gate'",
            idsSection: "Chapter 4, 'Step 5: the dispatcher'")
        return Profile(
            name: "pok-hypercall",
            title: "POK's hypercall gate (int $45, PR #3)",
            boards: ["x86-qemu-vmm"],
            gate: gate,
            registers: .pok,
            argumentBlock: block,
            nargs: NargsRule(maximum: block.capacity, otherwise: "POK_ERRNO_EINVAL"),
            pointers: .pok,
            unknownID: "POK_ERRNO_EINVAL",
            calls: [
                .consoleWrite("POK_HYPERCALL_CONSWRITE"),
                .getTick("POK_HYPERCALL_GETTICK"),
                .reserved("irqRegisterHandler", "POK_HYPERCALL_IRQ_REGISTER_HANDLER", 25),
                .reserved("irqUnregisterHandler", "POK_HYPERCALL_IRQ_UNREGISTER_HANDLER", 26),
                .reserved("irqPartitionEnable", "POK_HYPERCALL_IRQ_PARTITION_ENABLE", 27),
                .reserved("irqPartitionDisable", "POK_HYPERCALL_IRQ_PARTITION_DISABLE", 28),
                .reserved("irqPartitionAck", "POK_HYPERCALL_IRQ_PARTITION_ACK", 29),
            ],
            errors: ErrorCode.pok,
            rules: sections.rules + [
                Rule(id: "hypercall.board", title: "Only the VMM board has the gate",
                     statement: "The x86-qemu-vmm board installs gate 45; on x86-qemu IDT entry 45 stays absent, so `int $45` raises #GP(0x\(hex(gate.privilegeFaultErrorCode))).",
                     chapterSection: "Chapter 4, 'Why not on x86-qemu'"),
                Rule(id: "ids.kernel-equals-libpok", title: "Kernel and Libpok hold the same table",
                     statement: "Every ID enum the kernel has, Libpok has with the same case names and values, and the same gate vector.",
                     chapterSection: "Chapter 4, 'Step 1: the hypercall IDs'"),
                Rule(id: "libpok.vector", title: "Libpok traps through the gate",
                     statement: "Libpok's pokHypercallN functions reach the kernel with `int $\(gate.vector)` from CPL 3.",
                     chapterSection: "Chapter 4, 'Step 6: the partition side'"),
                Rule(id: "libpok.ids", title: "Libpok sends the table's IDs",
                     statement: "pokHypercallN(.consoleWrite, …) puts 10 in EAX and pokHypercallN(.getTick, …) puts 20: the IDs of this table.",
                     chapterSection: "Chapter 4, 'Step 1: the hypercall IDs'"),
                Rule(id: "libpok.block", title: "Libpok builds the argument block",
                     statement: "pokHypercallN points EBX at {nargs = N, arg1 … argN} inside the partition, the layout of the argument block.",
                     chapterSection: "Chapter 4, 'Step 6: the partition side'"),
                Rule(id: "libpok.result", title: "Libpok returns the kernel's answer",
                     statement: "pokHypercallN returns what the kernel left in EAX: OK for a served call, EINVAL for a refused one.",
                     chapterSection: "Chapter 4, 'Step 6: the partition side'"),
            ])
    }()
}
