import Libpok

@_extern(c, "pok_probe_trap45") func probeTrap45(_ registers: UnsafeMutablePointer<UInt32>)

// ANCHOR: raw-int45
/// What happens if a partition issues `int $45` on the normal board, which has no hypercall
/// gate: the CPU finds vector 45 not present and raises #NP(45·8 + 2 = 0x16a).
@_cdecl("pok_partition_main")
public func partitionMain() {
    var block = SyscallArguments(nargs: 0)
    var registers = InlineArray<9, UInt32>(repeating: 0)
    registers[0] = 20                                   // EAX: GETTICK
    registers[1] = PartitionAddress.of(&block)          // EBX: the block
    withUnsafeMutablePointer(to: &registers) {
        $0.withMemoryRebound(to: UInt32.self, capacity: 9) { probeTrap45($0) }   // int $45
    }
    let result = registers[0]
    Console.write("int $45 returned: the normal board must not have a gate at vector 45\n")
    Console.write(UInt64(result))
}
// ANCHOR_END: raw-int45
