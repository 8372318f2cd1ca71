/// Turns a fault report into the sentence a student needs: what happened and where the course
/// explains it (docs/ARCHITECTURE.md, "Verdicts").
public enum FaultExplainer {
    /// The course's soft-interrupt gates and the chapter section about each.
    static let gates: [Int: (instruction: String, chapter: Int, section: String)] = [
        42: ("int $42", 2, "Who may call the gate"),
        45: ("int $45", 4, "Who may call the gate"),
    ]

    public static func explain(_ fault: FaultReport) -> String {
        let code = "0x" + String(fault.errorCode, radix: 16)
        let head = "\(fault.name)(\(code)) at eip 0x\(String(fault.eip, radix: 16)), CPL \(fault.cpl)"
        // A selector error code with bit 1 set names an IDT vector (SDM Vol. 3A §6.13).
        if fault.vector == 13 || fault.vector == 11, fault.errorCode & 2 != 0 {
            let vector = Int(fault.errorCode >> 3)
            let instruction = gates[vector]?.instruction ?? "int $\(vector)"
            let pointer = gates[vector].map { " — see Chapter \($0.chapter), '\($0.section)'" } ?? ""
            if fault.vector == 13 {
                return "\(head): `\(instruction)` from CPL \(fault.cpl) through a gate whose DPL is below \(fault.cpl) (or not an interrupt/trap gate)\(pointer)"
            }
            return "\(head): `\(instruction)` found no present gate at vector \(vector) (P = 0)\(pointer)"
        }
        switch fault.vector {
        case 0: return "\(head): divide error — a `div` by zero in the \(fault.cpl == 3 ? "partition" : "kernel") — see Chapter 1, 'When a partition faults'"
        case 6: return "\(head): invalid opcode (`ud2`, or a Swift trap: an overflow, a failed precondition) — see Chapter 1, 'When a partition faults'"
        case 13 where fault.errorCode == 0:
            return "\(head): general protection with no selector: a privileged instruction or a segment-limit violation at CPL \(fault.cpl) — see Chapter 1, 'When a partition faults'"
        case 14: return "\(head): page fault (this kernel does not enable paging: a corrupted descriptor?)"
        case 8: return "\(head): double fault — a fault while delivering another one (a broken IDT or TSS)"
        default: return "\(head): \(fault.text.isEmpty ? fault.name : fault.text)"
        }
    }
}
