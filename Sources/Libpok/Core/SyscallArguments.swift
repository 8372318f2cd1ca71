// ANCHOR: argument-block
/// The block EBX points to: a count and five 32-bit arguments, 24 bytes.
/// POK: pok_syscall_args_t, libpok/include/core/syscall.h
public struct SyscallArguments: Equatable, Sendable {
    public var nargs: UInt32
    public var arg1: UInt32
    public var arg2: UInt32
    public var arg3: UInt32
    public var arg4: UInt32
    public var arg5: UInt32

    public init(nargs: UInt32, _ arg1: UInt32 = 0, _ arg2: UInt32 = 0, _ arg3: UInt32 = 0, _ arg4: UInt32 = 0, _ arg5: UInt32 = 0) {
        self.nargs = nargs
        self.arg1 = arg1
        self.arg2 = arg2
        self.arg3 = arg3
        self.arg4 = arg4
        self.arg5 = arg5
    }
}
// ANCHOR_END: argument-block
