#if !POK_BARE_METAL
import I386HostModel

/// On the host a partition is the test that calls Libpok: `int $n` is executed by the model.
public enum SoftInterrupt {
    /// What the last `int` did (returned, stopped the partition, triple-faulted).
    nonisolated(unsafe) public static var lastOutcome: I386Machine.Outcome = .returned

    public static func raise(vector: UInt8, eax: UInt32, ebx: UInt32) -> UInt32 {
        let machine = I386Machine.shared
        machine.registers.eax = eax
        machine.registers.ebx = ebx
        lastOutcome = machine.softwareInterrupt(vector)
        return machine.registers.eax
    }
}

/// Host partition memory is a buffer the test binds (the kernel's memory for partition 0).
/// Values a call passes by address are copied onto a stack that grows down inside it, as a
/// local in a real partition lives on the partition's stack, and copied back afterwards.
public enum PartitionAddress {
    nonisolated(unsafe) public static var window: UnsafeMutableRawBufferPointer?
    nonisolated(unsafe) static var stackTop = 0

    /// Binds partition memory; the scratch stack starts at its top.
    public static func bind(_ memory: UnsafeMutableRawBufferPointer) {
        window = memory
        stackTop = memory.count
    }

    public static func with<Value, Result>(_ value: inout Value, _ body: (UInt32) -> Result) -> Result {
        guard let window, let base = window.baseAddress else {
            preconditionFailure("PartitionAddress.bind(_:) the partition's memory before calling Libpok on the host")
        }
        let size = MemoryLayout<Value>.size
        let saved = stackTop
        stackTop = (stackTop - size) & ~15
        defer { stackTop = saved }
        let slot = base + stackTop
        withUnsafeBytes(of: &value) { slot.copyMemory(from: $0.baseAddress!, byteCount: size) }
        let result = body(UInt32(stackTop))
        withUnsafeMutableBytes(of: &value) { $0.baseAddress!.copyMemory(from: slot, byteCount: size) }
        return result
    }

    /// Copies `bytes` onto the partition's scratch stack for the duration of `body`.
    public static func withBytes<Result>(_ bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Result) -> Result {
        guard let window, let base = window.baseAddress else {
            preconditionFailure("PartitionAddress.bind(_:) the partition's memory before calling Libpok on the host")
        }
        let saved = stackTop
        stackTop = (stackTop - bytes.count) & ~15
        defer { stackTop = saved }
        if let source = bytes.baseAddress { (base + stackTop).copyMemory(from: source, byteCount: bytes.count) }
        return body(UInt32(stackTop))
    }

    /// The partition-relative address of a pointer into partition memory.
    public static func of(_ pointer: UnsafeRawPointer) -> UInt32 {
        guard let window, let base = window.baseAddress else { return 0xFFFF_FFFF }
        return UInt32(truncatingIfNeeded: UInt(bitPattern: pointer) &- UInt(bitPattern: base))
    }
}
#endif
