// The grader's Libpok probe (docs/grading.md, "How a submission is observed"): the student's
// Libpok, run on the reference kernel. The grader stops at the reference kernel's hypercall entry
// to see what each call put in EAX and the block, and at pok_grader_libpok_result to see what the
// Libpok function returned. Nothing this partition prints is evidence (it cannot print on its own:
// the serial port is the reference kernel's).
import Libpok

/// What the grader reads: `call` (1, 2, 3 in order) and the value Libpok's function returned
/// (Sources/Runtime/partition-probe.S: a `ret` the grader stops at).
@_extern(c, "pok_grader_libpok_result") func report(_ call: UInt32, _ result: UInt32)

@_cdecl("pok_partition_main")
public func partitionMain() {
    // 1: CONSWRITE through pokHypercall2, a buffer the reference kernel prints.
    let text: StaticString = "libpok probe: written through the hypercall gate\n"
    report(1, pokHypercall2(.consoleWrite, PartitionAddress.of(text.utf8Start), UInt32(text.utf8CodeUnitCount)))
    // 2: GETTICK through pokHypercall1, into a word of the partition.
    var tick: UInt64 = 0
    report(2, PartitionAddress.with(&tick) { pokHypercall1(.getTick, $0) })
    // 3: CONSWRITE of a buffer outside the partition: the reference kernel answers EINVAL (1),
    // and Libpok must hand that answer back.
    report(3, pokHypercall2(.consoleWrite, 0xC000_0000, 4))
}
