// ANCHOR: services
/// The kernel services both gates offer. Each checks its arguments against the caller's partition
/// before touching memory: a pointer argument is partition-relative and must lie wholly inside it.
/// POK: pok_cons_write (kernel/core/cons.c) and pok_gettick_by_pointer (kernel/core/time.c)
enum Services {
    /// CONSWRITE: arg1 = buffer, arg2 = length.
    static func consoleWrite(_ args: SyscallArguments, _ caller: CallerInfo) -> PokError {
        guard args.nargs == 2, caller.partition.contains(offset: args.arg1, length: args.arg2) else { return .invalid }
        Console.write(bytes: UnsafeRawBufferPointer(start: caller.partition.pointer(args.arg1), count: Int(args.arg2)))
        return .ok
    }

    /// GETTICK: arg1 = where to store the 64-bit tick count.
    static func getTick(_ args: SyscallArguments, _ caller: CallerInfo) -> PokError {
        guard args.nargs == 1, caller.partition.contains(offset: args.arg1, length: 8) else { return .invalid }
        caller.partition.pointer(args.arg1).storeBytes(of: UInt64(Time.ticks), as: UInt64.self)
        return .ok
    }
}
// ANCHOR_END: services
