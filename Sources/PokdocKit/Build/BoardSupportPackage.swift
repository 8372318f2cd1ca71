/// The two boards of the course, as POK's BSP variable selects them.
public enum BoardSupportPackage: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case x86Qemu = "x86-qemu"
    case x86QemuVMM = "x86-qemu-vmm"

    public var description: String { rawValue }

    /// The compilation conditions the board implies: POK_NEEDS_X86_VMM only for the VMM board.
    public var defines: [String] {
        switch self {
        case .x86Qemu: []
        case .x86QemuVMM: ["POK_NEEDS_X86_VMM"]
        }
    }

    // ANCHOR: vmm-only-sources
    /// Sources that belong to the VMM board only, like the `ifeq ($(BSP),x86-qemu-vmm)` lines of
    /// POK's Makefiles. Paths are relative to Sources/ and match as prefixes.
    public static let vmmOnlySources = [
        "Kernel/Arch/X86/BSP/X86QemuVMM/",
        "Kernel/Arch/X86/Hypercalls.swift",
        "Kernel/Core/Hypercall.swift",
        "Kernel/Core/HypercallID.swift",
        "Kernel/Core/UnwrittenStep.swift",
        "Libpok/Core/Hypercall.swift",
        "Libpok/Core/HypercallID.swift",
        "Libpok/Core/Hypervisor.swift",
        "Libpok/Core/UnwrittenStep.swift",
        "Runtime/prologue-vmm.S",
    ]
    // ANCHOR_END: vmm-only-sources

    /// Whether a source file (relative to Sources/) is built for this board.
    public func includes(_ relativePath: String) -> Bool {
        if relativePath.contains("+HostModel") { return false }
        if self == .x86QemuVMM { return true }
        return !Self.vmmOnlySources.contains { relativePath.hasPrefix($0) }
    }
}
