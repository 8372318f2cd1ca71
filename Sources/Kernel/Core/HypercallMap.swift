#if POK_NEEDS_X86_SVM
/// A hypercall handler the Palacios way: it gets the guest (its registers, read and written as
/// the handler decides), the ID it was called with, and the context given at registration; it
/// answers 0, or non-zero to stop the guest. Palacios: `int (*hypercall)(struct guest_info *, hcall_id_t, void *)`
public typealias HypercallHandler = (HypercallGuest, UInt32, UInt32) -> Int32

/// The guest as a handler sees it: RAX in the VMCB, the other registers where the world switch
/// keeps them, and its memory. Palacios: struct guest_info (its vm_regs)
public struct HypercallGuest {
    let vmcb: VMCB
    let gprs: UnsafeMutablePointer<GuestRegisters>
    public var rax: UInt32 { get { vmcb.rax } nonmutating set { vmcb.rax = newValue } }
    public var registers: UnsafeMutablePointer<GuestRegisters> { gprs }
    public var memory: Partition { Partitions.table[0] }
}

// ANCHOR: hypercall-map
/// Dispatch by registration, as Palacios does: a map from hypercall ID to handler, filled at run
/// time. Registering an ID twice fails (-1) and keeps the first handler; an ID nobody registered
/// is answered with RAX = -1 and the guest goes on; a handler's error stops the guest.
/// Palacios: v3_register_hypercall, v3_handle_hypercall, palacios/src/palacios/vmm_hypercall.c
public enum HypercallMap {
    struct Entry {
        var id: UInt32
        var handler: HypercallHandler
        var context: UInt32
    }
    /// A fixed-size map (no heap here); Palacios keeps a red-black tree per VM.
    nonisolated(unsafe) static var entries = InlineArray<16, Entry?>(repeating: nil)

    /// Empties the map and registers what the hypervisor offers every guest (Palacios registers
    /// TEST_HCALL in v3_init_hypercall_map).
    static func initialize() {
        for index in 0..<entries.count { entries[index] = nil }
        _ = registerHypercall(PalaciosHypercallID.test, PalaciosHypercalls.test, context: 0)
        _ = registerHypercall(PalaciosHypercallID.osDebug, PalaciosHypercalls.osDebug, context: 0)
        // SOLUTION-BEGIN step=6 title="The registration"
        _ = registerHypercall(PalaciosHypercallID.hostTime, PalaciosHypercalls.hostTime, context: 0)
        // SOLUTION-ELSE
        // SOLUTION-END
    }

    /// 0 when registered; -1 when the ID is taken (the first handler stays) or the map is full.
    public static func registerHypercall(_ id: UInt32, _ handler: @escaping HypercallHandler, context: UInt32) -> Int32 {
        var free = -1
        for index in 0..<entries.count {
            if let entry = entries[index] {
                if entry.id == id { return -1 }
            } else if free < 0 {
                free = index
            }
        }
        guard free >= 0 else { return -1 }
        entries[free] = Entry(id: id, handler: handler, context: context)
        return 0
    }

    /// -1 when no handler has `id`. Palacios: v3_remove_hypercall
    public static func removeHypercall(_ id: UInt32) -> Int32 {
        for index in 0..<entries.count where entries[index]?.id == id {
            entries[index] = nil
            return 0
        }
        return -1
    }

    /// The ID is EAX's low 32 bits. False when the guest must stop (its handler failed).
    static func handle(_ vmcb: VMCB, _ registers: inout GuestRegisters) -> Bool {
        let id = vmcb.rax
        SecureVirtualMachine.hypercalls &+= 1
        for index in 0..<entries.count {
            guard let entry = entries[index], entry.id == id else { continue }
            let status = withUnsafeMutablePointer(to: &registers) { entry.handler(HypercallGuest(vmcb: vmcb, gprs: $0), id, entry.context) }
            if status != 0 {
                VMExit.report("error handling hypercall ", id)
                return false
            }
            return true
        }
        Console.write("[svm] hypercall ")
        Console.writeHex(id)
        Console.write(" is not registered: rax = -1\n")
        vmcb.rax = 0xFFFF_FFFF
        return true
    }
}
// ANCHOR_END: hypercall-map
#endif
