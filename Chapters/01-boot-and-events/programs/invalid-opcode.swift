@_extern(c, "pok_fault_invalid_opcode") func executeUD2()

// ANCHOR: invalid-opcode
/// A partition that executes `ud2`: the CPU raises #UD (vector 6, no error code) at CPL 3.
/// The kernel must report it and stop the partition, not reboot.
@_cdecl("pok_partition_main")
public func partitionMain() {
    executeUD2()
}
// ANCHOR_END: invalid-opcode
