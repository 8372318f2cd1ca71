extension HypercallInterfaces {
    /// The Palacios VMM: VMMCALL (SVM) or VMCALL (VMX) exits to a map from ID to registered handler.
    /// Palacios: palacios/include/palacios/vmm_hypercall.h, src/palacios/vmm_hypercall.c,
    /// src/palacios/svm_handler.c.
    public static let palacios = HypercallInterface(
        name: "palacios",
        title: "Palacios (vmmcall / vmcall, a registration map)",
        entry: HypercallEntry(instruction: "vmmcall or vmcall", encoding: [0x0F, 0x01, 0xD9],
                              transfer: "#VMEXIT with exit code 0x81 (VMMCALL) on SVM, or VM exit 18 (VMCALL) on VMX; the VMM advances RIP by 3 before it dispatches"),
        caller: "any guest ring: Palacios checks no CPL",
        numberRegister: "EAX (the low 32 bits of RAX)",
        argumentRegisters: ["RBX", "RCX", "RDX", "RSI"],
        resultRegister: nil,
        clobbered: "whatever the handler writes into the guest's registers",
        numbers: [
            .init(0x0001, "TEST_HCALL"), .init(0x0535, "SYMCALL_RET_HCALL"), .init(0x0536, "SYMCALL_ERR_HCALL"),
            .init(0x0600, "SYMMOD_SYMS_HCALL"), .init(0x1000, "MEM_OFFSET_HCALL"), .init(0x3000, "GUEST_INFO_HCALL"),
            .init(0x3001, "TELEMETRY_HCALL"), .init(0xBA00, "BALLOON_START_HCALL"), .init(0xBA01, "BALLOON_QUERY_HCALL"),
            .init(0xC0C0, "OS_DEBUG_HCALL"), .init(0xD000, "TIME_CPUFREQ_HCALL"), .init(0xD001, "TIME_RDHTSC_HCALL"),
            .init(0xE000, "VNET_HEADER_QUERY_HCALL"), .init(0xF00D, "HVM_HCALL"),
        ],
        dispatch: "a map from ID to handler, one per VM (v3_register_hypercall; a red-black tree); registering an ID twice fails with -1 and keeps the first",
        missing: MissingCall(value: -1, name: "-1",
                             description: "an unregistered ID sets RAX to -1 and the guest goes on (since 2015; before, the VM stopped)"),
        privilege: "none: any guest ring may call",
        extending: [
            "write a handler: int fn(struct guest_info *, hcall_id_t, void *priv)",
            "choose an ID no other call uses",
            "register the two with v3_register_hypercall(vm, id, fn, priv)",
            "issue it from the guest with vmmcall (EAX = ID) and test it",
        ])
}
