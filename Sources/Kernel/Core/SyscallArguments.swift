/// The argument block a caller's EBX points to, copied into the kernel before use so the partition
/// cannot change it while the kernel checks it. `Libpok.SyscallArguments` is the partition's twin.
/// POK: pok_syscall_args_t, kernel/include/core/syscall.h
public struct SyscallArguments: Equatable, Sendable {
    public var nargs: UInt32
    public var arg1: UInt32
    public var arg2: UInt32
    public var arg3: UInt32
    public var arg4: UInt32
    public var arg5: UInt32

    public static let size: UInt32 = 24

    public init(nargs: UInt32, _ arg1: UInt32 = 0, _ arg2: UInt32 = 0, _ arg3: UInt32 = 0, _ arg4: UInt32 = 0, _ arg5: UInt32 = 0) {
        self.nargs = nargs
        self.arg1 = arg1
        self.arg2 = arg2
        self.arg3 = arg3
        self.arg4 = arg4
        self.arg5 = arg5
    }

    init(loadingFrom pointer: UnsafeRawPointer) {
        nargs = pointer.loadUnaligned(as: UInt32.self)
        arg1 = pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        arg2 = pointer.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        arg3 = pointer.loadUnaligned(fromByteOffset: 12, as: UInt32.self)
        arg4 = pointer.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
        arg5 = pointer.loadUnaligned(fromByteOffset: 20, as: UInt32.self)
    }
}

/// Who called: the partition and where its memory starts.
/// POK: pok_syscall_info_t, kernel/include/core/syscall.h
public struct CallerInfo {
    public var partitionIndex: Int
    public var partition: Partition
}
