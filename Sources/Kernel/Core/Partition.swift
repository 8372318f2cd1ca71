/// A partition: its memory, its segments, and the switch into it at CPL 3.
/// POK: pok_partition_t and pok_partition_init, kernel/core/partition.c
public struct Partition {
    /// Where the partition's segments start (linear address); every pointer it passes is relative to it.
    public var baseAddress: UInt
    public var size: UInt32

    /// True when `offset ..< offset + length` lies inside the partition.
    /// POK: pok_check_ptr_in_partition, kernel/core/partition.c
    public func contains(offset: UInt32, length: UInt32) -> Bool {
        let end = UInt64(offset) + UInt64(length)
        return end <= UInt64(size)
    }

    /// The kernel's pointer to a partition-relative address (valid only after `contains`).
    public func pointer(_ offset: UInt32) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: baseAddress + UInt(offset))!
    }
}

enum Partitions {
    nonisolated(unsafe) static var table = InlineArray<1, Partition>(repeating: Partition(baseAddress: 0, size: 0))

    // ANCHOR: partition-init
    /// Loads the partition image and gives it a code and a data segment based at its memory.
    /// POK: pok_partition_init, kernel/core/partition.c
    static func initialize() {
        let memory = Hardware.partitionMemory(0)
        table[0] = Partition(baseAddress: memory.base, size: memory.size)
        Hardware.loadPartitionImage(into: memory.base, size: memory.size)
        GDT.createPartitionSpace(0, base: memory.base, size: memory.size)
        #if POK_NEEDS_XEN_PV
        XenHypercallPage.write(into: table[0])
        #endif
    }
    // ANCHOR_END: partition-init

    // ANCHOR: partition-start
    /// Drops to CPL 3 at the partition's first instruction (offset 0) with its stack at the top
    /// of its segment (a Xen-style guest kernel: to CPL 1, with the ring-1 segments).
    /// POK: pok_partition_setup_main_thread + pok_context_switch
    static func start(_ partition: Int) {
        let entry: UInt32 = 0
        let code = entrySelectors(partition).code, data = entrySelectors(partition).data
        Console.write("[partition] entering partition ")
        Console.writeDecimal(UInt32(partition))
        Console.write(" at CPL ")
        Console.writeDecimal(UInt32(code & 3))
        Console.write(": eip ")
        Console.writeHex(entry)
        Console.write(", cs ")
        Console.writeHex(UInt32(code))
        Console.write(", ss ")
        Console.writeHex(UInt32(data))
        Console.newline()
        Hardware.enterPartition(eip: entry, esp: table[partition].size - 16, codeSelector: code, dataSelector: data)
    }
    // ANCHOR_END: partition-start

    /// The segments a partition is entered with: its ring-3 pair, or the ring-1 pair of a guest kernel.
    static func entrySelectors(_ partition: Int) -> (code: UInt16, data: UInt16) {
        #if POK_NEEDS_XEN_PV
        return (Selector.guestKernelCode(partition), Selector.guestKernelData(partition))
        #else
        return (Selector.partitionCode(partition), Selector.partitionData(partition))
        #endif
    }

    /// The index of the partition a code selector belongs to, whichever ring it runs in.
    static func index(ofCodeSelector cs: UInt32) -> Int {
        #if POK_NEEDS_XEN_PV
        if cs & 0xFFFF == UInt32(Selector.guestKernelCode(0)) { return 0 }
        #endif
        return Selector.partition(ofCodeSelector: cs)
    }

    /// The partition whose code segment is `cs` (selector and RPL both: 3, or a guest kernel's 1), if any.
    static func owning(codeSelector cs: UInt32) -> Partition? {
        let index = index(ofCodeSelector: cs)
        guard index >= 0, index < table.count else { return nil }
        #if POK_NEEDS_XEN_PV
        if cs & 0xFFFF == UInt32(Selector.guestKernelCode(index)) { return table[index] }
        #endif
        guard cs & 0xFFFF == UInt32(Selector.partitionCode(index)) else { return nil }
        return table[index]
    }
}
