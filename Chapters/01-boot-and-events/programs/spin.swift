// ANCHOR: spin
/// Chapter 1's partition: it has no syscalls yet, so all it can do at CPL 3 is run.
/// The timer keeps interrupting it; the kernel ends the run when its tick budget is spent.
@_cdecl("pok_partition_main")
public func partitionMain() {
    var counter: UInt32 = 0
    while true {
        counter &+= 1
    }
}
// ANCHOR_END: spin
