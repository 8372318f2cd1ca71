/// The global descriptor table and the task-state segment the CPU reads ESP0 from.
/// POK: pok_gdt_init and pok_tss, kernel/arch/x86/gdt.c
enum GDT {
    nonisolated(unsafe) static var entries = InlineArray<8, UInt64>(repeating: 0)
    /// 104-byte 32-bit TSS; only SS0 (offset 8) and ESP0 (offset 4) matter without hardware tasks.
    nonisolated(unsafe) static var taskState = InlineArray<26, UInt32>(repeating: 0)
    /// The stack interrupts from a partition run on.
    nonisolated(unsafe) static var interruptStack = InlineArray<2048, UInt32>(repeating: 0)

    // ANCHOR: gdt-init
    /// POK: pok_gdt_init, kernel/arch/x86/gdt.c
    static func initialize() {
        entries[0] = SegmentDescriptor.null
        entries[1] = SegmentDescriptor(base: 0, limit: 0xFFFF_FFFF, kind: .code, privilegeLevel: 0).encoded
        entries[2] = SegmentDescriptor(base: 0, limit: 0xFFFF_FFFF, kind: .data, privilegeLevel: 0).encoded
        let tssBase = withUnsafePointer(to: &taskState) { UInt32(truncatingIfNeeded: UInt(bitPattern: $0)) }
        entries[3] = SegmentDescriptor(base: tssBase, limit: 103, kind: .availableTSS, privilegeLevel: 0).encoded
        taskState[1] = withUnsafePointer(to: &interruptStack) {
            UInt32(truncatingIfNeeded: UInt(bitPattern: $0) + 2048 * 4)
        }
        taskState[2] = UInt32(Selector.kernelData)
        taskState[25] = 104 << 16  // I/O map base beyond the limit: no port access from CPL 3
        let base = withUnsafePointer(to: &entries) { UInt(bitPattern: $0) }
        Hardware.loadGDT(base: base, limit: UInt16(8 * 8 - 1))
        Hardware.loadTaskRegister(Selector.taskState)
    }
    // ANCHOR_END: gdt-init

    /// Gives partition `n` its code and data segments: base = load address, DPL 3.
    /// POK: pok_create_space, kernel/arch/x86/space.c
    static func createPartitionSpace(_ partition: Int, base: UInt, size: UInt32) {
        let base32 = UInt32(truncatingIfNeeded: base)
        entries[4 + 2 * partition] = SegmentDescriptor(base: base32, limit: size - 1, kind: .code, privilegeLevel: 3).encoded
        entries[5 + 2 * partition] = SegmentDescriptor(base: base32, limit: size - 1, kind: .data, privilegeLevel: 3).encoded
        #if POK_NEEDS_XEN_PV
        // ANCHOR: gdt-ring1
        // The same memory as segments of DPL 1, for the guest kernel: SS must have DPL = CPL.
        entries[6 + 2 * partition] = SegmentDescriptor(base: base32, limit: size - 1, kind: .code, privilegeLevel: 1).encoded
        entries[7 + 2 * partition] = SegmentDescriptor(base: base32, limit: size - 1, kind: .data, privilegeLevel: 1).encoded
        // ANCHOR_END: gdt-ring1
        #endif
    }
}
