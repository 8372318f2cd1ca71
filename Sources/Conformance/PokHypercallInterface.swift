extension HypercallInterfaces {
    /// POK's hypercall gate, derived from its full profile (Profiles.pokHypercall): nothing typed twice.
    public static let pok: HypercallInterface = {
        let profile = Profiles.pokHypercall
        let unknown = profile.error(profile.unknownID) ?? 0
        return HypercallInterface(
            name: "pok",
            title: "POK's hypercall gate (the course, Chapter 4)",
            entry: HypercallEntry(instruction: "int $\(profile.gate.vector)", encoding: [0xCD, profile.gate.vector],
                                  vector: profile.gate.vector, gateDPL: profile.gate.dpl,
                                  transfer: "IDT entry \(profile.gate.vector), a 32-bit \(profile.gate.type == "interrupt32" ? "interrupt" : "trap") gate to the kernel code segment"),
            caller: "a partition at CPL 3, on the x86-qemu-vmm board",
            numberRegister: "EAX",
            argumentRegisters: ["EBX (a partition-relative pointer to {nargs, arg1…arg\(profile.nargs.maximum)})"],
            resultRegister: "EAX",
            clobbered: "nothing: every other register is preserved",
            numbers: profile.calls.map { HypercallNumber($0.id, $0.pokName) },
            dispatch: "a switch over the number (coreHypercall)",
            missing: MissingCall(value: Int64(unknown), name: profile.unknownID,
                                 description: "the course answers \(profile.unknownID); POK stops with POK_FATAL unless POK_NEEDS_ERROR_HANDLING"),
            privilege: "the gate's DPL is \(profile.gate.dpl): any partition may call; on the x86-qemu board the gate is absent and int $\(profile.gate.vector) raises #GP",
            extending: [
                "give the call a number in both ID tables (HypercallID in Kernel and in Libpok)",
                "add its case to the dispatcher's switch (coreHypercall)",
                "write the service it calls",
                "call it from a partition with pokHypercallN, and test it",
            ])
    }()
}
