import Libpok

@_extern(c, "pok_probe_int45") func probeInt45(_ eax: UInt32, _ ebx: UInt32, _ after: UnsafeMutablePointer<UInt32>) -> UInt32

/// The ABI probe: raw `int $45` calls with registers and arguments the probe chooses, each check
/// reported through the (already proven) syscall console as `probe: <check> ok|FAILED <why>`.
@_cdecl("pok_partition_main")
public func partitionMain() {
    var failures: UInt64 = 0
    func report(_ check: StaticString, _ passed: Bool, _ why: StaticString = "") {
        Console.write("probe: ")
        Console.write(check)
        if passed {
            Console.write(" ok\n")
        } else {
            failures += 1
            Console.write(" FAILED ")
            Console.write(why)
            Console.write("\n")
        }
    }
    let segmentSize: UInt32 = 0x10_0000

    // ANCHOR: probe-registers
    // CONSWRITE of a short message through the raw gate; every register but EAX must come back.
    let message: StaticString = "probe: hypercall console reached\n"
    var block = ArgumentBlock(nargs: 2, PartitionAddress.of(message.utf8Start), UInt32(message.utf8CodeUnitCount))
    var after = InlineArray<6, UInt32>(repeating: 0)
    let blockAddress = PartitionAddress.of(&block)
    let result = withUnsafeMutablePointer(to: &after) { pointer in
        pointer.withMemoryRebound(to: UInt32.self, capacity: 6) { probeInt45(10, blockAddress, $0) }
    }
    report("consoleWrite returns OK", result == 0, "(CONSWRITE = 10 must return 0)")
    report("registers preserved",
           after[0] == 0xC1C1_C1C1 && after[1] == 0xD1D1_D1D1 && after[2] == 0x5151_5151
               && after[3] == 0xD2D2_D2D2 && after[4] == 0xB1B1_B1B1 && after[5] == blockAddress,
           "(ECX, EDX, ESI, EDI, EBP and EBX must be unchanged)")
    // ANCHOR_END: probe-registers

    // GETTICK twice: the clock advances.
    var first: UInt64 = 0
    var second: UInt64 = 0
    let got1 = PartitionAddress.with(&first) { pokHypercall1(.getTick, $0) }
    Time.sleep(milliseconds: 5)
    let got2 = PartitionAddress.with(&second) { pokHypercall1(.getTick, $0) }
    report("getTick returns OK and advances", got1 == 0 && got2 == 0 && second > first, "(GETTICK = 20 writes the tick count through arg1)")

    // ANCHOR: probe-bad-input
    // Bad input: every call must come back EINVAL (1).
    var blocksRefused = true
    for address: UInt32 in [0xC000_0000, segmentSize, segmentSize - 8] {
        if SoftInterrupt.raise(vector: 45, eax: 10, ebx: address) != 1 { blocksRefused = false }
    }
    report("argument block outside the partition is refused", blocksRefused, "(EBX must point inside the partition)")
    report("buffer outside the partition is refused",
           pokHypercall2(.consoleWrite, 0xC000_0000, 16) == 1 && pokHypercall2(.consoleWrite, segmentSize - 4, 16) == 1
               && pokHypercall2(.consoleWrite, 0x100, 0xFFFF_FFFF) == 1,
           "(CONSWRITE must check its buffer against the partition)")
    var lying = ArgumentBlock(nargs: 0, 0x100, 4)
    report("nargs that lie are refused", pokDoHypercall(.consoleWrite, &lying) == 1, "(nargs must match the call)")
    var state: UInt32 = 0x1234_5678
    var unknownRefused = true
    for _ in 0..<200 {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        guard HypercallID(rawValue: state) == nil else { continue }
        var block = ArgumentBlock(nargs: 2, 0x100, 4)
        if PartitionAddress.with(&block, { SoftInterrupt.raise(vector: 45, eax: state, ebx: $0) }) != 1 { unknownRefused = false }
    }
    report("unknown IDs are refused", unknownRefused, "(an unknown hypercall ID must return EINVAL)")
    // ANCHOR_END: probe-bad-input

    Console.write("probe: finished with ")
    Console.write(failures)
    Console.write(" failures\n")
}
