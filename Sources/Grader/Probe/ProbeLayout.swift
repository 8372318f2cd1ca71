// Where the kernel puts partition 0 on the x86 boards (Sources/Kernel/Arch/X86/Seam/
// Hardware+BareMetal.swift, `partitionMemory`): the grader's linear addresses are base + the
// probe's partition-relative symbols. The driver checks CS's base and limit at its first stop
// against these, so a moved partition is a grader error, never a wrong score.

public enum ProbeLayout {
    public static let partitionBase: UInt32 = 0x0040_0000
    public static let partitionSize: UInt32 = 0x0010_0000
}
