@_extern(c, "pok_fault_privileged_instruction") func haltAtCPL3()

/// A partition that tries `hlt`, which only CPL 0 may execute: #GP(0), vector 13.
@_cdecl("pok_partition_main")
public func partitionMain() {
    haltAtCPL3()
}
