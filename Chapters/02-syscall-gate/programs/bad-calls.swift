import Libpok

/// A partition that attacks the syscall gate with bad input and counts how many calls the kernel
/// refused with EINVAL. The kernel must refuse every one and keep running.
@_cdecl("pok_partition_main")
public func partitionMain() {
    var made: UInt64 = 0
    var refused: UInt64 = 0
    func expectInvalid(_ result: UInt32) {
        made += 1
        if result == PokReturn.invalid.rawValue { refused += 1 }
    }

    // ANCHOR: bad-pointers
    // The argument block itself outside the partition: a kernel address, at and past the
    // segment's end, its last byte one past the end, straddling it, wrapping around 4 GiB.
    let segmentSize: UInt32 = 0x10_0000
    for blockAddress: UInt32 in [0xC000_0000, segmentSize, segmentSize + 0x1000, segmentSize - 23, segmentSize - 8, 0xFFFF_FFF0] {
        expectInvalid(SoftInterrupt.raise(vector: syscallVector, eax: SyscallID.consoleWrite.rawValue, ebx: blockAddress))
    }
    // A valid block whose buffer pointer leaves the partition, or whose length overflows.
    expectInvalid(pokSyscall2(.consoleWrite, 0xC000_0000, 16))
    expectInvalid(pokSyscall2(.consoleWrite, segmentSize - 4, 16))
    expectInvalid(pokSyscall2(.consoleWrite, 0x100, 0xFFFF_FFFF))
    expectInvalid(pokSyscall1(.getTick, segmentSize - 4))
    // nargs that lie: fewer than the call reads (CONSWRITE reads 2), more than the block holds (5).
    var lyingBlock = SyscallArguments(nargs: 1, 0x100, 4)
    expectInvalid(pokDoSyscall(.consoleWrite, &lyingBlock))
    lyingBlock.nargs = 6
    expectInvalid(pokDoSyscall(.consoleWrite, &lyingBlock))
    // ANCHOR_END: bad-pointers

    // ANCHOR: random-ids
    // 1,000 random IDs that are not syscalls (xorshift32, fixed seed: the same run every time).
    var state: UInt32 = 0x2545_F491
    var randomCalls = 0
    while randomCalls < 1000 {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        guard SyscallID(rawValue: state) == nil else { continue }
        var block = SyscallArguments(nargs: 2, 0x100, 4)
        expectInvalid(PartitionAddress.with(&block) { address in
            SoftInterrupt.raise(vector: syscallVector, eax: state, ebx: address)
        })
        randomCalls += 1
    }
    // ANCHOR_END: random-ids

    Console.write("bad calls refused with EINVAL: ")
    Console.write(refused)
    Console.write(" of ")
    Console.write(made)
    Console.write("\n")
    Console.write("the kernel survived every bad call\n")
}
