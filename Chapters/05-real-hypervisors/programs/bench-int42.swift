import Libpok

/// `pokdoc bench hypercalls`: POK's syscall gate, `int $42`, timed through GETTICK.
@_cdecl("pok_partition_main")
public func partitionMain() {
    RoundTrip.measure("int42", on: Console.self) { _ = Time.ticks() }
}
