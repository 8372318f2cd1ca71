extension HypercallInterfaces {
    /// KVM on x86: VMCALL (Intel) or VMMCALL (AMD) from the guest kernel.
    /// Linux: Documentation/virt/kvm/x86/hypercalls.rst, include/uapi/linux/kvm_para.h,
    /// arch/x86/kvm/x86.c (the CPL check, the switch, -KVM_ENOSYS).
    public static let kvm = HypercallInterface(
        name: "kvm",
        title: "KVM on x86 (vmcall / vmmcall)",
        entry: HypercallEntry(instruction: "vmcall or vmmcall", encoding: [0x0F, 0x01, 0xC1],
                              transfer: "a VM exit (VMX exit reason 18, VMCALL; SVM exit code 0x81, VMMCALL — encoded 0F 01 D9) into the host kernel"),
        caller: "the guest kernel (CPL 0)",
        numberRegister: "RAX",
        argumentRegisters: ["RBX", "RCX", "RDX", "RSI"],
        resultRegister: "RAX",
        clobbered: "nothing else, unless the call says so",
        numbers: [
            .init(1, "KVM_HC_VAPIC_POLL_IRQ"), .init(2, "KVM_HC_MMU_OP"), .init(3, "KVM_HC_FEATURES"),
            .init(4, "KVM_HC_PPC_MAP_MAGIC_PAGE"), .init(5, "KVM_HC_KICK_CPU"), .init(6, "KVM_HC_MIPS_GET_CLOCK_FREQ"),
            .init(7, "KVM_HC_MIPS_EXIT_VM"), .init(8, "KVM_HC_MIPS_CONSOLE_OUTPUT"), .init(9, "KVM_HC_CLOCK_PAIRING"),
            .init(10, "KVM_HC_SEND_IPI"), .init(11, "KVM_HC_SCHED_YIELD"), .init(12, "KVM_HC_MAP_GPA_RANGE"),
        ],
        dispatch: "a switch over the number (__kvm_emulate_hypercall)",
        missing: MissingCall(value: -1000, name: "-KVM_ENOSYS",
                             description: "an unknown number (or a feature the guest lacks) answers -KVM_ENOSYS (KVM_ENOSYS is 1000)"),
        privilege: "from CPL > 0 every number answers -KVM_EPERM (-1): the check comes before the switch",
        extending: [
            "give the call a number in include/uapi/linux/kvm_para.h",
            "add its case to the switch in arch/x86/kvm/x86.c",
            "document it in Documentation/virt/kvm/x86/hypercalls.rst",
            "issue it from the guest with kvm_hypercallN and test it",
        ])
}
