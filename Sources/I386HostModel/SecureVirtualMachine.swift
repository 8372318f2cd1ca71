/// AMD SVM as far as the course's hypervisor relies on it (AMD64 APM Vol. 2 §15, Appendix B; what
/// QEMU 7.2's TCG does where the two could differ): CPUID's SVM bit, EFER.SVME and VM_HSAVE_PA,
/// and VMRUN with its consistency checks, running a guest from real bytes in guest memory until an
/// intercepted event makes a #VMEXIT that writes EXITCODE and the guest's state back into the VMCB.
///
/// The guest is executed by the model's decoder for the few instructions a hypercall guest needs
/// (`mov $imm32, r32`, VMMCALL, VMCALL, HLT, NOP); any other opcode is #UD in the guest.
/// As in QEMU 7.2: no NRIP (CPUID 0x8000000A EDX bit 3 is clear and VMCB offset 0xC8 is never
/// written), and CPL is taken from SS's DPL.
extension I386Machine {
    /// MSRs the model knows (APM Vol. 2 §15.30).
    public enum MSR {
        public static let efer: UInt32 = 0xC000_0080
        public static let vmHostSaveArea: UInt32 = 0xC001_0117
        /// EFER.SVME, bit 12.
        public static let secureVirtualMachineEnable: UInt64 = 1 << 12
    }

    /// `cpuid`: leaf 0x8000_0001 reports SVM in ECX bit 2 when `svmAvailable`; 0x8000_000A the
    /// SVM revision (1), 16 ASIDs and no optional features. Every other leaf reads zero.
    public func cpuid(_ leaf: UInt32) -> (eax: UInt32, ebx: UInt32, ecx: UInt32, edx: UInt32) {
        switch leaf {
        case 0x8000_0000: return (0x8000_000A, 0, 0, 0)
        case 0x8000_0001: return (0, 0, svmAvailable ? 1 << 2 : 0, 0)
        case 0x8000_000A where svmAvailable: return (1, 16, 0, 0)
        default: return (0, 0, 0, 0)
        }
    }

    /// `rdtsc`: the model keeps no time of its own, so its counter advances 1000 per read — it
    /// only ever increases, which is all a guest may rely on. It starts above 32 bits, as a real
    /// counter is a few seconds after power-on, so both halves of it matter.
    public func readTimestampCounter() -> UInt64 {
        svm.timestampReads &+= 1
        return lastTimestamp
    }

    /// What the last `rdtsc` read.
    public var lastTimestamp: UInt64 { Self.timestampBase &+ svm.timestampReads &* 1000 }
    public static let timestampBase: UInt64 = 0x2_0000_0000

    /// `rdmsr`.
    public func readMSR(_ index: UInt32) -> UInt64 {
        switch index {
        case MSR.efer: svm.efer
        case MSR.vmHostSaveArea: svm.hostSaveArea
        default: 0
        }
    }

    /// `wrmsr`. Setting EFER.SVME on a CPU without SVM is #GP on hardware; the model records the
    /// fault and leaves EFER as it was.
    public func writeMSR(_ index: UInt32, _ value: UInt64) {
        switch index {
        case MSR.efer:
            if value & MSR.secureVirtualMachineEnable != 0, !svmAvailable { svm.faults.append("wrmsr EFER.SVME without SVM: #GP(0)"); return }
            svm.efer = value
        case MSR.vmHostSaveArea: svm.hostSaveArea = value
        default: break
        }
    }

    /// What `vmrun` ended with.
    public enum VMRunOutcome: Sendable, Equatable {
        /// A #VMEXIT: EXITCODE and the guest's state are in the VMCB.
        case exited(code: UInt64)
        /// VMRUN itself faulted (SVME clear, CPL > 0, no host save area): #UD or #GP in the host.
        case hostFault(String)
        /// The guest halted with HLT not intercepted and nothing to wake it: QEMU would hang here.
        case guestHung
    }

    /// The general registers VMRUN does not take from the VMCB: the world switch loads them before
    /// VMRUN and stores them after #VMEXIT (EBX, ECX, EDX, ESI, EDI, EBP).
    public struct GuestGeneralRegisters: Sendable, Equatable {
        public var ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0, esi: UInt32 = 0, edi: UInt32 = 0, ebp: UInt32 = 0
        public init() {}
    }

    /// VMCB offsets the model reads and writes (APM Vol. 2 Appendix B, Tables B-1 and B-2).
    public enum VMCBField {
        public static let exceptionIntercepts = 0x008
        public static let miscIntercepts = 0x00C       // bit 24 HLT, bit 31 SHUTDOWN
        public static let svmIntercepts = 0x010        // bit 0 VMRUN, bit 1 VMMCALL
        public static let guestASID = 0x058
        public static let exitCode = 0x070
        public static let exitInfo1 = 0x078
        public static let exitInfo2 = 0x080
        public static let nextRIP = 0x0C8
        public static let cs = 0x410, ss = 0x420, ds = 0x430
        public static let cpl = 0x4CB
        public static let efer = 0x4D0
        public static let cr0 = 0x558
        public static let rflags = 0x570
        public static let rip = 0x578
        public static let rsp = 0x5D8
        public static let rax = 0x5F8
    }

    /// SVM exit codes (APM Vol. 2 Table C-1).
    public enum ExitCode {
        public static let invalid: UInt64 = 0xFFFF_FFFF   // VMEXIT_INVALID, as qemu-system-i386 stores it
        public static let exceptionBase: UInt64 = 0x40   // + vector
        public static let hlt: UInt64 = 0x78
        public static let shutdown: UInt64 = 0x7F
        public static let vmmcall: UInt64 = 0x81
    }

    /// `vmrun` with RAX = `vmcb`: the checks, the guest until a #VMEXIT, the guest state saved.
    /// `guestMemory` is where the guest's segment bases point (its "physical" memory on the host).
    public func vmrun(vmcb: UnsafeMutableRawPointer, registers: inout GuestGeneralRegisters, limit: Int = 10_000) -> VMRunOutcome {
        guard svm.efer & MSR.secureVirtualMachineEnable != 0 else { return .hostFault("#UD: VMRUN with EFER.SVME clear") }
        guard cpl == 0 else { return .hostFault("#GP(0): VMRUN at CPL \(cpl)") }
        guard svm.hostSaveArea != 0 else { return .hostFault("#GP(0): VMRUN without VM_HSAVE_PA") }
        if let budget = svm.vmrunBudget, svm.vmruns >= budget {
            return .hostFault("the model's VMRUN budget (\(budget)) is spent: the guest makes no progress")
        }
        svm.vmruns += 1
        func load<T>(_ offset: Int, _ type: T.Type) -> T { vmcb.loadUnaligned(fromByteOffset: offset, as: T.self) }
        func exit(_ code: UInt64) -> VMRunOutcome {
            vmcb.storeBytes(of: code, toByteOffset: VMCBField.exitCode, as: UInt64.self)
            vmcb.storeBytes(of: UInt64(0), toByteOffset: VMCBField.exitInfo1, as: UInt64.self)
            vmcb.storeBytes(of: UInt64(0), toByteOffset: VMCBField.exitInfo2, as: UInt64.self)
            return .exited(code: code)
        }
        // The consistency checks (APM §15.5.1) a hypervisor can get wrong: each is VMEXIT_INVALID.
        let guestEFER = load(VMCBField.efer, UInt64.self)
        let cr0 = load(VMCBField.cr0, UInt64.self)
        guard load(VMCBField.svmIntercepts, UInt32.self) & 1 != 0,        // VMRUN intercepted
              load(VMCBField.guestASID, UInt32.self) != 0,                 // ASID 0 is the host's
              guestEFER & MSR.secureVirtualMachineEnable != 0,             // guest EFER.SVME
              !(cr0 & (1 << 29) != 0 && cr0 & (1 << 30) == 0),             // CR0.NW without CD
              cr0 >> 32 == 0 else {
            svm.invalidRuns += 1
            return exit(ExitCode.invalid)
        }
        // The guest's state: RIP, RSP, RAX from the VMCB, the rest from the world switch.
        var rip = UInt32(truncatingIfNeeded: load(VMCBField.rip, UInt64.self))
        var eax = UInt32(truncatingIfNeeded: load(VMCBField.rax, UInt64.self))
        let codeBase = UInt(load(VMCBField.cs + 8, UInt64.self))
        let codeLimit = load(VMCBField.cs + 4, UInt32.self)
        let ssAttributes = load(VMCBField.ss + 2, UInt16.self)
        let guestCPL = UInt8((ssAttributes >> 5) & 3)  // QEMU takes CPL from SS.DPL
        let exceptionIntercepts = load(VMCBField.exceptionIntercepts, UInt32.self)
        let misc = load(VMCBField.miscIntercepts, UInt32.self)
        let interceptsVMMCALL = load(VMCBField.svmIntercepts, UInt32.self) & 2 != 0
        var general = registers
        func save(_ code: UInt64) -> VMRunOutcome {
            vmcb.storeBytes(of: UInt64(rip), toByteOffset: VMCBField.rip, as: UInt64.self)
            vmcb.storeBytes(of: UInt64(eax), toByteOffset: VMCBField.rax, as: UInt64.self)
            vmcb.storeBytes(of: guestCPL, toByteOffset: VMCBField.cpl, as: UInt8.self)
            registers = general
            svm.exits.append(code)
            return exit(code)
        }
        /// An exception in the guest: a #VMEXIT if intercepted, else — the guest has no IDT of
        /// its own in this model — a triple fault, SHUTDOWN.
        func exception(_ vector: UInt32) -> VMRunOutcome {
            if exceptionIntercepts & (1 << vector) != 0 { return save(ExitCode.exceptionBase + UInt64(vector)) }
            return misc & (1 << 31) != 0 ? save(ExitCode.shutdown) : .hostFault("guest triple fault with SHUTDOWN not intercepted: the CPU resets")
        }
        for _ in 0..<limit {
            guard rip < codeLimit - 8 else { return exception(13) }
            let code = UnsafeRawPointer(bitPattern: codeBase + UInt(rip))!
            let opcode = code.load(as: UInt8.self)
            switch opcode {
            case 0xB8...0xBF:  // mov $imm32, r32
                let value = code.loadUnaligned(fromByteOffset: 1, as: UInt32.self)
                switch opcode {
                case 0xB8: eax = value
                case 0xB9: general.ecx = value
                case 0xBA: general.edx = value
                case 0xBB: general.ebx = value
                case 0xBD: general.ebp = value
                case 0xBE: general.esi = value
                case 0xBF: general.edi = value
                default: break  // ESP: the model keeps none for the guest
                }
                rip &+= 5
            case 0x90:
                rip &+= 1
            case 0xF4:  // hlt: intercepted → exit 0x78 with RIP at the HLT
                guard misc & (1 << 24) != 0 else { return .guestHung }
                return save(ExitCode.hlt)
            case 0x0F where code.load(fromByteOffset: 1, as: UInt8.self) == 0x01:
                switch code.load(fromByteOffset: 2, as: UInt8.self) {
                case 0xD9:  // VMMCALL: a #VMEXIT if intercepted, else #UD (APM: "VMMCALL … #UD if not intercepted")
                    if interceptsVMMCALL { return save(ExitCode.vmmcall) }
                    return exception(6)
                case 0xC1:  // VMCALL is Intel's: #UD on AMD
                    return exception(6)
                default:
                    return exception(6)
                }
            default:
                return exception(6)
            }
        }
        return .guestHung
    }
}

/// The model's SVM state (MSRs and what a test asserts about).
public struct SVMState: Sendable {
    public var efer: UInt64 = 0
    public var hostSaveArea: UInt64 = 0
    /// VMRUNs executed, those refused as VMEXIT_INVALID, and every exit code, in order.
    public var vmruns = 0
    /// How often the host read the time-stamp counter.
    public var timestampReads: UInt64 = 0
    /// A test's bound on VMRUNs, so a hypervisor that never lets its guest progress fails
    /// instead of looping (on QEMU the run's timeout does that). Nil: no bound.
    public var vmrunBudget: Int?
    public var invalidRuns = 0
    public var exits: [UInt64] = []
    /// Faults the model recorded for instructions the host executed wrongly (e.g. SVME without SVM).
    public var faults: [String] = []
    public init() {}
}
