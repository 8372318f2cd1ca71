import Libpok

// ANCHOR: raw-int45
/// What happens if a partition issues `int $45` on the normal board, which has no hypercall
/// gate: the CPU finds vector 45 not present and raises #NP(45·8 + 2 = 0x16a).
@_cdecl("pok_partition_main")
public func partitionMain() {
    var block = ArgumentBlock(nargs: 0)
    let result = PartitionAddress.with(&block) { address in
        SoftInterrupt.raise(vector: 45, eax: 20, ebx: address)
    }
    Console.write("int $45 returned: the normal board must not have a gate at vector 45\n")
    Console.write(UInt64(result))
}
// ANCHOR_END: raw-int45
