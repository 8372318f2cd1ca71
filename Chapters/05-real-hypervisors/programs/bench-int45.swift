import Libpok

/// `pokdoc bench hypercalls`: Chapter 4's hypercall gate, `int $45`, timed through hypercall GETTICK.
@_cdecl("pok_partition_main")
public func partitionMain() {
    RoundTrip.measure("int45", on: Hypervisor.self) { _ = Hypervisor.ticks() }
}
