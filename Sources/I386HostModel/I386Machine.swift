/// A host-side model of the i386 protected-mode interrupt machinery, precise where the course
/// needs it (Intel SDM Vol. 2A "INT n", Vol. 3A §6.10–6.12): the IDT is read from real memory as
/// 8-byte descriptors, `int n` checks the gate's presence, type and DPL, a privilege change pushes
/// SS, ESP, EFLAGS, CS, EIP on the stack named by the TSS, interrupt gates clear IF, trap gates
/// keep it, and `iret` undoes it all. Faults while delivering escalate to #DF and then to a
/// triple fault, as on the CPU.
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
    /// The value written to QEMU's isa-debug-exit port, if any.
    public private(set) var debugExitCode: UInt8?
    /// Every delivery, in order: what a test asserts about.
    public private(set) var deliveries: [Delivery] = []
    /// Set when the kernel stopped the running partition from inside a handler.
    public private(set) var partitionStopped = false

    public init(kernelStackSize: Int = 16 * 1024) {
        kernelStack = UnsafeMutableRawBufferPointer.allocate(byteCount: kernelStackSize, alignment: 16)
        reset()
    }

    deinit { kernelStack.deallocate() }

    /// Power-on state: ring 0, interrupts off, no IDT, no stubs.
    public func reset() {
        registers = Registers()
        registers.cs = 0x08
        registers.ss = 0x10
        registers.eflags = EFLAGS.reserved
        idtBase = 0
        idtLimit = 0
        entryStubs = [:]
        deliveries = []
        debugExitCode = nil
        partitionStopped = false
        pic.reset()
        pit.reset()
        serial.reset()
    }

    // MARK: Privileged instructions the kernel's seam performs

    /// `lidt`.
    public func loadInterruptDescriptorTable(base: UInt, limit: UInt16) {
        idtBase = base
        idtLimit = limit
    }

    public func registerEntryStub(_ stub: EntryStub, at address: UInt32) {
        entryStubs[address] = stub
    }

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
        case 0xF4: debugExitCode = value
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

    /// `int n` (the 2-byte `CD ib`): software interrupt with the SDM's privilege check.
    @discardableResult
    public func softwareInterrupt(_ vector: UInt8) -> Outcome {
        registers.eip &+= 2  // the saved EIP is the instruction after `int n`
        return deliver(vector: vector, source: .software, errorCode: nil, faultingEIP: registers.eip &- 2)
    }

    /// An exception the current instruction raises (e.g. `ud2` → 6, `div` by 0 → 0).
    /// Faults save the EIP of the faulting instruction.
    @discardableResult
    public func raiseException(_ vector: UInt8, errorCode: UInt32? = nil) -> Outcome {
        deliver(vector: vector, source: .exception, errorCode: errorCode, faultingEIP: registers.eip)
    }

    /// One period of the PIT: IRQ 0 fires if the kernel programmed the timer.
    @discardableResult
    public func advanceClock() -> Outcome {
        pit.divisor == 0 ? .masked : raiseIRQ(0)
    }

    /// A PIC line asserts: delivered only when IF is set and the line is unmasked.
    @discardableResult
    public func raiseIRQ(_ line: UInt8) -> Outcome {
        guard let vector = pic.acknowledge(line: line) else { return .masked }
        guard interruptsEnabled else {
            pic.leavePending(line: line)
            return .masked
        }
        return deliver(vector: vector, source: .hardware, errorCode: nil, faultingEIP: registers.eip)
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
        /// Delivery faulted while delivering a double fault: the CPU resets.
        case tripleFault
    }

    public struct Delivery: Sendable, Equatable {
        public var vector: UInt8
        public var errorCode: UInt32?
        public var source: Source
        /// CPL before delivery.
        public var fromCPL: UInt8
        /// IF as the handler saw it.
        public var interruptsEnabledInHandler: Bool
    }

    private enum DeliveryFault: Error { case fault(vector: UInt8, errorCode: UInt32) }

    private func deliver(vector: UInt8, source: Source, errorCode: UInt32?, faultingEIP: UInt32) -> Outcome {
        var vector = vector
        var errorCode = errorCode
        var source = source
        var nesting = 0
        while true {
            do {
                return try deliverOnce(vector: vector, source: source, errorCode: errorCode)
            } catch let DeliveryFault.fault(faultVector, faultError) {
                // A fault raised while delivering: contributory faults escalate (SDM Table 6-5).
                nesting += 1
                if nesting >= 2 || vector == 8 { return .tripleFault }
                registers.eip = faultingEIP
                if vector == 13 || vector == 11 || vector == 10 || vector == 12 {
                    vector = 8
                    errorCode = 0
                } else {
                    vector = faultVector
                    errorCode = faultError
                }
                source = .exception
            } catch {
                return .tripleFault
            }
        }
    }

    private func deliverOnce(vector: UInt8, source: Source, errorCode: UInt32?) throws -> Outcome {
        let selectorErrorCode = UInt32(vector) * 8 + 2 + (source == .software ? 0 : 1)
        // The gate must lie inside the IDT limit.
        guard UInt(vector) * 8 + 7 <= UInt(idtLimit), idtBase != 0 else {
            throw DeliveryFault.fault(vector: 13, errorCode: selectorErrorCode)
        }
        let gate = GateView(bytes: UnsafeRawPointer(bitPattern: idtBase + UInt(vector) * 8)!)
        // Only interrupt, trap and task gates are valid in the IDT.
        guard gate.isInterruptGate || gate.isTrapGate else {
            throw DeliveryFault.fault(vector: 13, errorCode: selectorErrorCode)
        }
        // INT n from a ring less privileged than the gate allows: #GP(vector*8+2).
        if source == .software, gate.dpl < cpl {
            throw DeliveryFault.fault(vector: 13, errorCode: selectorErrorCode)
        }
        guard gate.present else {
            throw DeliveryFault.fault(vector: 11, errorCode: selectorErrorCode)
        }
        guard let stub = entryStubs[gate.offset], gate.selector == 0x08 else {
            // A handler address that is not code: the model cannot execute it.
            throw DeliveryFault.fault(vector: 13, errorCode: UInt32(gate.selector & 0xFFFC))
        }

        let interrupted = registers
        let fromCPL = cpl
        var stack = StackWriter(machine: self)
        if fromCPL != 0 {
            // Privilege change: switch to SS0:ESP0 and save the old stack first.
            stack.reset()
            stack.push(UInt32(interrupted.ss))
            stack.push(interrupted.esp)
        } else {
            stack.continueAt(interrupted.esp)
        }
        stack.push(interrupted.eflags)
        stack.push(UInt32(interrupted.cs))
        stack.push(interrupted.eip)
        if let errorCode { stack.push(errorCode) }

        registers.cs = gate.selector
        registers.ss = kernelStackSegment
        if gate.isInterruptGate { registers.eflags &= ~EFLAGS.interruptEnable }
        registers.eflags &= ~(EFLAGS.trap | EFLAGS.nested | EFLAGS.resume | EFLAGS.virtual8086)

        deliveries.append(Delivery(
            vector: vector, errorCode: errorCode, source: source, fromCPL: fromCPL,
            interruptsEnabledInHandler: interruptsEnabled))

        // The entry stub: fake error code if the CPU pushed none, pusha, push ds, push es.
        // Like the assembly, the stub trusts its vector: a stub that expects no CPU error code
        // always makes room for a fake one.
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

        let result = stub.handler(frame)
        if partitionStopped { return .partitionStopped }
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
        try interruptReturn(&reader)
        return .returned
    }

    /// `iret`: pops EIP, CS, EFLAGS, and SS:ESP when returning to an outer ring.
    private func interruptReturn(_ reader: inout StackReader) throws {
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
    public static let reserved: UInt32 = 1 << 1
    public static let trap: UInt32 = 1 << 8
    public static let interruptEnable: UInt32 = 1 << 9
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
public struct GateView {
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

    public var offset: UInt32 { (high & 0xFFFF_0000) | (low & 0xFFFF) }
    public var selector: UInt16 { UInt16(low >> 16) }
    public var present: Bool { high & (1 << 15) != 0 }
    public var dpl: UInt8 { UInt8((high >> 13) & 3) }
    /// Bits 12:8 of the high dword: S=0 and the 4-bit type.
    public var typeBits: UInt8 { UInt8((high >> 8) & 0x1F) }
    public var isInterruptGate: Bool { typeBits == 0x0E }
    public var isTrapGate: Bool { typeBits == 0x0F }
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
        pointer = (candidate > base + 64 && candidate <= top) ? UnsafeMutableRawPointer(bitPattern: candidate)! : machine.kernelStackTop
    }

    var esp: UInt32 { UInt32(truncatingIfNeeded: UInt(bitPattern: pointer)) }

    mutating func push(_ value: UInt32) {
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
