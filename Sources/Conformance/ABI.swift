/// The ABI the course teaches, as data: what the conformance checks compare a kernel against.
/// Sources: ../shared/reference/pok-abi.md (POK), hypervisor-abis.md (SDM).
public enum TeachingABI {
    public static let syscallVector: UInt8 = 42
    public static let hypercallVector: UInt8 = 45
    /// A 32-bit interrupt gate, present, DPL 3: 1 11 0 1110.
    public static let gateAttributes: UInt8 = 0xEE
    public static let gateSelector: UInt16 = 0x08
}
