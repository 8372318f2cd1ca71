/// A host-side model of the i386 protected-mode interrupt machinery, precise where the course
/// needs it (Intel SDM Vol. 2A "INT n", Vol. 3A §6.10–6.15): the IDT is read from real memory as
/// 8-byte descriptors, `int n` checks the gate's limit, type, DPL and presence in the SDM's order,
/// a privilege change pushes SS, ESP, EFLAGS, CS, EIP on the stack named by the TSS, interrupt
/// gates clear IF, trap gates keep it, and `iret` undoes it all. A fault while delivering an event
/// is handled as SDM Table 6-5 says: serially, or as a double fault (#DF), and a fault while
/// delivering #DF is a triple fault (shutdown).
///
/// The kernel sees this model only through its hardware seam; tests drive it directly.
public final class I386Machine: @unchecked Sendable {
    /// The one machine of the host build. Host tests that use it run serialised.
    public static let shared = I386Machine()

    public var registers = Registers()
    /// Current privilege level (the RPL of CS in protected mode).
    public var cpl: UInt8 { UInt8(registers.cs & 3) }

    /// IDTR: base is a host address of the kernel's IDT memory.
    public private(set) var idtBase: UInt = 0
    public private(set) var idtLimit: UInt16 = 0
    /// The kernel stack the TSS names for ring 0 (SS0:ESP0).
    public var kernelStackSegment: UInt16 = 0x10
    public private(set) var kernelStack: UnsafeMutableRawBufferPointer
    /// Entry stubs the kernel registered, by the address it writes into gate descriptors.
    public private(set) var entryStubs: [UInt32: EntryStub] = [:]
    public let pic = PIC8259Pair()
    public let pit = PIT8253()
    public let serial = SerialPort()
    /// The value written to QEMU's isa-debug-exit port, if any. Once it is set the emulator has
    /// exited: nothing is delivered any more (every later event's outcome is `.poweredOff`).
    public private(set) var debugExitCode: UInt8?
    /// Every delivery that reached a handler, in order: what a test asserts about.
    public private(set) var deliveries: [Delivery] = []
    /// Every fault raised while the CPU tried to deliver an event (SDM §6.15, Table 6-5), in order.
    public private(set) var deliveryFaults: [DeliveryFault] = []
    /// Set when the kernel stopped the running partition from inside a handler.
    public private(set) var partitionStopped = false
    /// Whether CPUID reports AMD SVM (QEMU's `-cpu qemu32,+svm`); a test clears it to see the refusal.
    public var svmAvailable = true
    /// EFER, VM_HSAVE_PA and the record of VMRUNs and exits (SecureVirtualMachine.swift).
    public var svm = SVMState()
    /// Called after the CPU and the entry stub built the interrupt frame, just before the kernel's
    /// handler runs: a test's window on the frame (POK's `interrupt_frame`, lowest address first).
    public var handlerProbe: ((Delivery, UnsafeMutableRawPointer) -> Void)?

    public init(kernelStackSize: Int = 16 * 1024) {
        kernelStack = UnsafeMutableRawBufferPointer.allocate(byteCount: kernelStackSize, alignment: 16)
        reset()
    }

    deinit { kernelStack.deallocate() }

    /// Power-on state: ring 0, interrupts off, no IDT, no stubs, devices reset.
    public func reset() {
        registers = Registers()
        registers.cs = 0x08
        registers.ss = 0x10
        registers.eflags = EFLAGS.reserved
        idtBase = 0
        idtLimit = 0
        entryStubs = [:]
        deliveries = []
        deliveryFaults = []
        debugExitCode = nil
        partitionStopped = false
        handlerProbe = nil
        svmAvailable = true
        svm = SVMState()
        pic.reset()
        pit.reset()
        serial.reset()
    }

    /// True once the kernel wrote QEMU's exit port.
    public var poweredOff: Bool { debugExitCode != nil }

    // MARK: Privileged instructions the kernel's seam performs

    /// `lidt`.
    public func loadInterruptDescriptorTable(base: UInt, limit: UInt16) {
        idtBase = base
        idtLimit = limit
    }

    public func registerEntryStub(_ stub: EntryStub, at address: UInt32) {
        entryStubs[address] = stub
    }

    /// `sti` / `cli`.
    public func setInterruptFlag(_ enabled: Bool) {
        if enabled { registers.eflags |= EFLAGS.interruptEnable } else { registers.eflags &= ~EFLAGS.interruptEnable }
    }

    public var interruptsEnabled: Bool { registers.eflags & EFLAGS.interruptEnable != 0 }

    /// `out`: the devices of the x86-qemu board.
    public func portWrite(_ port: UInt16, _ value: UInt8) {
        switch port {
        case 0x20, 0x21, 0xA0, 0xA1: pic.write(port: port, value: value)
        case 0x40...0x43: pit.write(port: port, value: value)
        case 0x3F8...0x3FF: serial.write(port: port, value: value)
        case 0xF4: if debugExitCode == nil { debugExitCode = value }
        default: break
        }
    }

    /// `in`.
    public func portRead(_ port: UInt16) -> UInt8 {
        switch port {
        case 0x21, 0xA1: return pic.readMask(port: port)
        case 0x3F8...0x3FF: return serial.read(port: port)
        default: return 0xFF
        }
    }

    /// The privilege switch into a partition: what `iret` to CPL 3 leaves in the registers.
    public func enterUserMode(eip: UInt32, esp: UInt32, codeSelector: UInt16, dataSelector: UInt16) {
        registers.eip = eip
        registers.esp = esp
        registers.cs = codeSelector
        registers.ss = dataSelector
        registers.ds = dataSelector
        registers.es = dataSelector
        registers.eflags = EFLAGS.reserved | EFLAGS.interruptEnable
        partitionStopped = false
    }

    /// Called by the kernel (through its seam) from a handler that will not return to the
    /// partition: delivery unwinds instead of executing `iret`.
    public func stopPartition() { partitionStopped = true }

    // MARK: Instructions a partition executes

    /// `int n` (the 2-byte `CD ib`; `int3` is the 1-byte `CC`): software interrupt with the SDM's
    /// privilege check. The saved EIP is the next instruction; if delivery faults, the fault's EIP
    /// is the `int` itself.
    @discardableResult
    public func softwareInterrupt(_ vector: UInt8, instructionLength: UInt32 = 2) -> Outcome {
        guard !poweredOff else { return .poweredOff }
        let instruction = registers.eip
        registers.eip &+= instructionLength
        return deliver(vector: vector, source: .software, errorCode: nil, faultingEIP: instruction)
    }

    /// An exception the current instruction raises (e.g. `ud2` → 6, `div` by 0 → 0). Faults save
    /// the EIP of the faulting instruction. The CPU pushes an error code only for the vectors that
    /// have one (8, 10–14, 17, 21, 29, 30), 0 unless `errorCode` says otherwise; for the others
    /// `errorCode` is ignored, as the CPU pushes nothing.
    @discardableResult
    public func raiseException(_ vector: UInt8, errorCode: UInt32? = nil) -> Outcome {
        guard !poweredOff else { return .poweredOff }
        let pushed: UInt32? = Self.exceptionHasErrorCode(vector) ? (errorCode ?? 0) : nil
        return deliver(vector: vector, source: .exception, errorCode: pushed, faultingEIP: registers.eip)
    }

    /// One period of the PIT: IRQ 0 fires if the kernel programmed the timer.
    @discardableResult
    public func advanceClock() -> Outcome {
        guard !poweredOff else { return .poweredOff }
        return pit.divisor == 0 ? .masked : raiseIRQ(0)
    }

    /// A PIC line asserts: delivered only when IF is set and the line is unmasked. With IF clear
    /// the request stays pending in the PIC (`pic.master.pending`) and nothing runs.
    @discardableResult
    public func raiseIRQ(_ line: UInt8) -> Outcome {
        guard !poweredOff else { return .poweredOff }
        guard let vector = pic.acknowledge(line: line) else { return .masked }
        guard interruptsEnabled else {
            pic.leavePending(line: line)
            return .masked
        }
        return deliver(vector: vector, source: .hardware, errorCode: nil, faultingEIP: registers.eip)
    }

    /// The exceptions for which the CPU pushes an error code (SDM Vol. 3A Table 6-1).
    public static func exceptionHasErrorCode(_ vector: UInt8) -> Bool {
        switch vector {
        case 8, 10, 11, 12, 13, 14, 17, 21, 29, 30: true
        default: false
        }
    }

    // MARK: Delivery

    public enum Source: Sendable, Equatable { case software, exception, hardware }

    public enum Outcome: Sendable, Equatable {
        /// The handler ran and `iret` returned to the interrupted code.
        case returned
        /// The handler stopped the partition; no `iret` happened.
        case partitionStopped
        /// An IRQ that was masked at the PIC or by IF.
        case masked
        /// Delivery faulted while delivering a double fault: the CPU shuts down (QEMU resets).
        case tripleFault
        /// The emulator had already exited (isa-debug-exit): nothing ran.
        case poweredOff
    }

    public struct Delivery: Sendable, Equatable {
        public var vector: UInt8
        public var errorCode: UInt32?
        public var source: Source
        /// CPL before delivery.
        public var fromCPL: UInt8
        /// IF just after the CPU entered the handler through the gate (before the entry stub's
        /// own `cli`): false for an interrupt gate, unchanged for a trap gate (SDM §6.12.1.3).
        public var interruptsEnabledInHandler: Bool
        /// What the CPU pushed, in push order: [SS, ESP,] EFLAGS, CS, EIP [, error code].
        public var pushedByCPU: [UInt32]

        public init(vector: UInt8, errorCode: UInt32?, source: Source, fromCPL: UInt8,
                    interruptsEnabledInHandler: Bool, pushedByCPU: [UInt32]) {
            self.vector = vector
            self.errorCode = errorCode
            self.source = source
            self.fromCPL = fromCPL
            self.interruptsEnabledInHandler = interruptsEnabledInHandler
            self.pushedByCPU = pushedByCPU
        }
    }

    /// A fault raised while delivering `attemptedVector` (e.g. #GP for a DPL-0 gate, #NP for a
    /// gate with P = 0), and what the CPU did next.
    public struct DeliveryFault: Sendable, Equatable {
        public var attemptedVector: UInt8
        public var faultVector: UInt8
        public var errorCode: UInt32
        public var resolution: Resolution

        public init(attemptedVector: UInt8, faultVector: UInt8, errorCode: UInt32, resolution: Resolution) {
            self.attemptedVector = attemptedVector
            self.faultVector = faultVector
            self.errorCode = errorCode
            self.resolution = resolution
        }

        public enum Resolution: Sendable, Equatable {
            /// The fault is delivered in place of the event (SDM Table 6-5: "handle serially").
            case deliveredSerially
            /// First and second exception combine into a double fault (#DF, error code 0).
            case doubleFault
            /// A fault while delivering #DF: shutdown.
            case tripleFault
        }
    }

    private enum DeliveryError: Error { case fault(vector: UInt8, errorCode: UInt32) }

    /// SDM Vol. 3A Table 6-4: the exception classes that decide whether two faults make a #DF.
    private enum FaultClass { case benign, contributory, pageFault, doubleFault }

    private static func faultClass(_ vector: UInt8, source: Source) -> FaultClass {
        guard source == .exception else { return .benign }  // INT n and IRQs are benign events
        switch vector {
        case 0, 10, 11, 12, 13: return .contributory
        case 14: return .pageFault
        case 8: return .doubleFault
        default: return .benign
        }
    }

    private func deliver(vector: UInt8, source: Source, errorCode: UInt32?, faultingEIP: UInt32) -> Outcome {
        var vector = vector
        var errorCode = errorCode
        var source = source
        // Table 6-5 bounds the chain (benign → contributory → #DF → shutdown); the cap only keeps
        // a broken fault table from looping forever (a test then sees the odd fault sequence).
        for _ in 0..<8 {
            do {
                return try deliverOnce(vector: vector, source: source, errorCode: errorCode)
            } catch let DeliveryError.fault(faultVector, faultError) {
                // SDM Table 6-5: first event × second (the fault) → serial, #DF or shutdown.
                let first = Self.faultClass(vector, source: source)
                let second = Self.faultClass(faultVector, source: .exception)
                let resolution: DeliveryFault.Resolution
                switch (first, second) {
                case (.doubleFault, _): resolution = .tripleFault
                case (.contributory, .contributory), (.pageFault, .contributory), (.pageFault, .pageFault):
                    resolution = .doubleFault
                default: resolution = .deliveredSerially
                }
                deliveryFaults.append(DeliveryFault(
                    attemptedVector: vector, faultVector: faultVector, errorCode: faultError, resolution: resolution))
                // The faulting instruction is re-executed after the handler: save its EIP.
                registers.eip = faultingEIP
                switch resolution {
                case .tripleFault: return .tripleFault
                case .doubleFault: vector = 8; errorCode = 0
                case .deliveredSerially: vector = faultVector; errorCode = faultError
                }
                source = .exception
            } catch {
                return .tripleFault
            }
        }
        return .tripleFault
    }

    private func deliverOnce(vector: UInt8, source: Source, errorCode: UInt32?) throws -> Outcome {
        // error_code(vector, IDT = 1, EXT): EXT is 0 only for INT n (SDM Vol. 2A "INT n").
        let idtErrorCode = UInt32(vector) * 8 + 2 + (source == .software ? 0 : 1)
        // The gate must lie inside the IDT limit.
        guard UInt(vector) * 8 + 7 <= UInt(idtLimit), idtBase != 0 else {
            throw DeliveryError.fault(vector: 13, errorCode: idtErrorCode)
        }
        let gate = GateView(bytes: UnsafeRawPointer(bitPattern: idtBase + UInt(vector) * 8)!)
        // Only interrupt, trap and task gates are valid in the IDT (this model runs no task
        // switches, so a task gate faults too). An all-zero entry has type 0: #GP, not #NP.
        guard gate.isInterruptGate || gate.isTrapGate else {
            throw DeliveryError.fault(vector: 13, errorCode: idtErrorCode)
        }
        // INT n from a ring less privileged than the gate allows: #GP(vector*8+2).
        if source == .software, gate.dpl < cpl {
            throw DeliveryError.fault(vector: 13, errorCode: idtErrorCode)
        }
        guard gate.present else {
            throw DeliveryError.fault(vector: 11, errorCode: idtErrorCode)
        }
        guard let stub = entryStubs[gate.offset], gate.selector == 0x08 else {
            // A handler address that is not code: the model cannot execute it.
            throw DeliveryError.fault(vector: 13, errorCode: UInt32(gate.selector & 0xFFFC))
        }

        let interrupted = registers
        let fromCPL = cpl
        var stack = StackWriter(machine: self)
        var pushed: [UInt32] = []
        if fromCPL != 0 {
            // Privilege change: switch to SS0:ESP0 and save the old stack first.
            stack.reset()
            pushed += [UInt32(interrupted.ss), interrupted.esp]
        } else {
            stack.continueAt(interrupted.esp)
        }
        pushed += [interrupted.eflags, UInt32(interrupted.cs), interrupted.eip]
        if let errorCode { pushed.append(errorCode) }
        for value in pushed { stack.push(value) }

        registers.cs = gate.selector
        registers.ss = kernelStackSegment
        if gate.isInterruptGate { registers.eflags &= ~EFLAGS.interruptEnable }
        registers.eflags &= ~(EFLAGS.trap | EFLAGS.nested | EFLAGS.resume | EFLAGS.virtual8086)

        let delivery = Delivery(
            vector: vector, errorCode: errorCode, source: source, fromCPL: fromCPL,
            interruptsEnabledInHandler: interruptsEnabled, pushedByCPU: pushed)
        deliveries.append(delivery)

        // The entry stub (Sources/Runtime/entry-stubs.S): `cli`, a fake error code if the CPU
        // pushed none, pusha, push ds, push es, load the kernel data segment. Like the assembly,
        // the stub trusts its vector: a stub that expects no CPU error code always makes room
        // for a fake one.
        registers.eflags &= ~EFLAGS.interruptEnable
        if !stub.expectsCPUErrorCode { stack.push(0) }
        let espBeforePusha = stack.esp
        stack.push(interrupted.eax)
        stack.push(interrupted.ecx)
        stack.push(interrupted.edx)
        stack.push(interrupted.ebx)
        stack.push(espBeforePusha)
        stack.push(interrupted.ebp)
        stack.push(interrupted.esi)
        stack.push(interrupted.edi)
        stack.push(UInt32(interrupted.ds))
        stack.push(UInt32(interrupted.es))
        let frame = stack.pointer
        registers.esp = stack.esp  // the handler runs below the frame; nested interrupts go further down
        registers.ds = 0x10
        registers.es = 0x10

        handlerProbe?(delivery, frame)
        let result = stub.handler(frame)
        if partitionStopped { return .partitionStopped }
        // GATE_ENTRY: `movl %eax, 40(%esp)`, the saved EAX (frame offset 36).
        if stub.returnsInEAX { frame.storeBytes(of: result, toByteOffset: 36, as: UInt32.self) }

        // Epilogue: pop es, ds, popa, drop the error code, iret.
        var reader = StackReader(pointer: frame)
        registers.es = UInt16(truncatingIfNeeded: reader.pop())
        registers.ds = UInt16(truncatingIfNeeded: reader.pop())
        registers.edi = reader.pop()
        registers.esi = reader.pop()
        registers.ebp = reader.pop()
        _ = reader.pop()  // popa skips the saved esp
        registers.ebx = reader.pop()
        registers.edx = reader.pop()
        registers.ecx = reader.pop()
        registers.eax = reader.pop()
        _ = reader.pop()  // error code
        interruptReturn(&reader)
        return .returned
    }

    /// `iret`: pops EIP, CS, EFLAGS, and SS:ESP when returning to an outer ring.
    private func interruptReturn(_ reader: inout StackReader) {
        let eip = reader.pop()
        let cs = UInt16(truncatingIfNeeded: reader.pop())
        let eflags = reader.pop()
        if cs & 3 > cpl {
            let esp = reader.pop()
            let ss = UInt16(truncatingIfNeeded: reader.pop())
            registers.esp = esp
            registers.ss = ss
        } else {
            registers.esp = UInt32(truncatingIfNeeded: UInt(bitPattern: reader.pointer))
        }
        registers.eip = eip
        registers.cs = cs
        registers.eflags = eflags | EFLAGS.reserved
    }

    /// Address arithmetic on the model's kernel stack (host addresses, 32-bit in frames).
    fileprivate var kernelStackTop: UnsafeMutableRawPointer {
        kernelStack.baseAddress! + kernelStack.count
    }
}

/// General registers and segment selectors.
public struct Registers: Sendable, Equatable {
    public var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
    public var esi: UInt32 = 0, edi: UInt32 = 0, ebp: UInt32 = 0, esp: UInt32 = 0
    public var eip: UInt32 = 0, eflags: UInt32 = EFLAGS.reserved
    public var cs: UInt16 = 0x08, ss: UInt16 = 0x10, ds: UInt16 = 0x10, es: UInt16 = 0x10
    public init() {}
}

/// EFLAGS bits the model touches (SDM Vol. 1 §3.4.3).
public enum EFLAGS {
    public static let carry: UInt32 = 1 << 0
    public static let reserved: UInt32 = 1 << 1
    public static let zero: UInt32 = 1 << 6
    public static let sign: UInt32 = 1 << 7
    public static let trap: UInt32 = 1 << 8
    public static let interruptEnable: UInt32 = 1 << 9
    public static let direction: UInt32 = 1 << 10
    public static let overflow: UInt32 = 1 << 11
    public static let nested: UInt32 = 1 << 14
    public static let resume: UInt32 = 1 << 16
    public static let virtual8086: UInt32 = 1 << 17
}

/// What the code at a gate's offset does: the model runs the kernel's entry stubs as the
/// assembly in `Sources/Runtime/entry-stubs.S` would.
public struct EntryStub: @unchecked Sendable {
    /// True for the exception vectors where the CPU pushes an error code (8, 10–14, 17).
    public var expectsCPUErrorCode: Bool
    /// True for the soft-interrupt gates: the handler's result replaces the saved EAX.
    public var returnsInEAX: Bool
    /// The Swift handler, given a pointer to POK's interrupt frame.
    public var handler: (UnsafeMutableRawPointer) -> UInt32

    public init(expectsCPUErrorCode: Bool, returnsInEAX: Bool, handler: @escaping (UnsafeMutableRawPointer) -> UInt32) {
        self.expectsCPUErrorCode = expectsCPUErrorCode
        self.returnsInEAX = returnsInEAX
        self.handler = handler
    }
}

/// Reads an 8-byte IDT gate descriptor exactly as the CPU does (SDM Vol. 3A Figure 6-2),
/// independently of the kernel's encoder so tests can catch a wrong bit.
public struct GateView: Sendable, Equatable {
    public let low: UInt32
    public let high: UInt32

    public init(bytes: UnsafeRawPointer) {
        low = bytes.loadUnaligned(as: UInt32.self)
        high = bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
    }

    public init(low: UInt32, high: UInt32) {
        self.low = low
        self.high = high
    }

    /// The descriptor as a little-endian quadword (bytes 0–3 are `low`).
    public init(_ encoded: UInt64) {
        self.init(low: UInt32(truncatingIfNeeded: encoded), high: UInt32(truncatingIfNeeded: encoded >> 32))
    }

    /// Bytes 0–1 and 6–7.
    public var offset: UInt32 { (high & 0xFFFF_0000) | (low & 0xFFFF) }
    /// Bytes 2–3.
    public var selector: UInt16 { UInt16(low >> 16) }
    /// Byte 4: bits 7:5 must be 0 in an interrupt or trap gate, 4:0 are unused.
    public var reservedByte: UInt8 { UInt8(high & 0xFF) }
    public var present: Bool { high & (1 << 15) != 0 }
    public var dpl: UInt8 { UInt8((high >> 13) & 3) }
    /// Bits 12:8 of the high dword: S=0 and the 4-bit type.
    public var typeBits: UInt8 { UInt8((high >> 8) & 0x1F) }
    public var isInterruptGate: Bool { typeBits == 0x0E }
    public var isTrapGate: Bool { typeBits == 0x0F }
    public var isTaskGate: Bool { typeBits == 0x05 }
    /// Byte 5: P | DPL | S | type.
    public var attributeByte: UInt8 { UInt8((high >> 8) & 0xFF) }
}

/// Pushes onto the model's kernel stack, as the CPU and the entry stub do.
struct StackWriter {
    let machine: I386Machine
    private(set) var pointer: UnsafeMutableRawPointer

    init(machine: I386Machine) {
        self.machine = machine
        pointer = machine.kernelStackTop
    }

    mutating func reset() { pointer = machine.kernelStackTop }

    /// A same-ring interrupt continues on the current stack. The model's ring-0 code only ever
    /// runs on its kernel stack, so a kernel-mode ESP is an address inside it; anything else
    /// (a test that never set ESP) starts from the top.
    mutating func continueAt(_ esp: UInt32) {
        let base = UInt(bitPattern: machine.kernelStack.baseAddress!)
        let top = UInt(bitPattern: machine.kernelStackTop)
        let candidate = (base & ~UInt(0xFFFF_FFFF)) | UInt(esp)
        pointer = (candidate > base + 256 && candidate <= top) ? UnsafeMutableRawPointer(bitPattern: candidate)! : machine.kernelStackTop
    }

    var esp: UInt32 { UInt32(truncatingIfNeeded: UInt(bitPattern: pointer)) }

    mutating func push(_ value: UInt32) {
        precondition(pointer - 4 >= machine.kernelStack.baseAddress!, "I386Machine: kernel stack overflow")
        pointer -= 4
        pointer.storeBytes(of: value, as: UInt32.self)
    }
}

struct StackReader {
    private(set) var pointer: UnsafeMutableRawPointer
    init(pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
    mutating func pop() -> UInt32 {
        let value = pointer.load(as: UInt32.self)
        pointer += 4
        return value
    }
}
