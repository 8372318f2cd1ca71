/// The few instructions a hypercall page holds, executed from real bytes (Intel SDM Vol. 2:
/// MOV r32, imm32 `B8+rd id`; INT imm8 `CD ib`; INT3 `CC`; RET `C3`), so a host test calls the
/// page the kernel wrote instead of trusting it. Anything else is #UD, as on a CPU that met an
/// opcode it does not know.
extension I386Machine {
    /// Runs the bytes at `code` (partition-relative address `eip`) until `ret`, a fault or
    /// `limit` instructions.
    @discardableResult
    public func execute(_ code: UnsafeRawPointer, at eip: UInt32, limit: Int = 8) -> Outcome {
        registers.eip = eip
        var position = 0
        for _ in 0..<limit {
            switch code.load(fromByteOffset: position, as: UInt8.self) {
            case 0xB8:  // mov $imm32, %eax
                registers.eax = code.loadUnaligned(fromByteOffset: position + 1, as: UInt32.self)
                position += 5
                registers.eip = eip &+ UInt32(position)
            case 0xCD:  // int $imm8: the delivery saves EIP + 2
                let vector = code.load(fromByteOffset: position + 1, as: UInt8.self)
                let outcome = softwareInterrupt(vector)
                guard outcome == .returned else { return outcome }
                position += 2
            case 0xC3:  // ret: back to the caller
                return .returned
            case 0xCC:  // int3: INT 3 in one byte, the same gate checks
                return softwareInterrupt(3, instructionLength: 1)
            default:
                return raiseException(6)
            }
        }
        return .returned
    }
}
