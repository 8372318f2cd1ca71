import Libpok

/// `pokdoc bench hypercalls`: the Xen-style gate, `int $0x82` through the hypercall page, timed
/// through sched_op(SCHEDOP_yield).
@_cdecl("pok_partition_main")
public func partitionMain() {
    RoundTrip.measure("int82", on: Xen.self) { Xen.yield() }
}
