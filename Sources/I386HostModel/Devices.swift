/// The two cascaded 8259A PICs of the PC (ports 0x20/0x21 and 0xA0/0xA1): enough of the
/// initialisation sequence (ICW1–ICW4), masks (OCW1) and end-of-interrupt (OCW2) to check how a
/// kernel programs them. Priorities are the fully nested default: line 0 highest.
public final class PIC8259Pair: @unchecked Sendable {
    public struct Chip: Sendable, Equatable {
        /// ICW2: the vector of line 0 (bits 7:3).
        public var vectorBase: UInt8 = 0x08
        /// OCW1, the interrupt mask register: bit n set = line n masked.
        public var mask: UInt8 = 0x00
        /// 0 when initialised; 2, 3, 4 while waiting for ICW2, ICW3, ICW4.
        public var initialisationStep = 0
        /// ICW1 as written (bit 0: ICW4 follows, bit 1: single PIC, no ICW3).
        public var initialisationCommand: UInt8 = 0
        /// ICW3: the cascade wiring.
        public var cascade: UInt8 = 0
        /// In-service register: lines being handled, cleared by EOI.
        public var inService: UInt8 = 0
        /// Interrupt request register: lines that asserted while the CPU had IF clear.
        public var pending: UInt8 = 0
        public var endOfInterruptCount = 0
    }

    public private(set) var master = Chip()
    public private(set) var slave = Chip()

    public init() { reset() }

    /// The BIOS's setting: master at 0x08, slave at 0x70.
    public func reset() {
        master = Chip()
        slave = Chip()
        master.vectorBase = 0x08
        slave.vectorBase = 0x70
    }

    func write(port: UInt16, value: UInt8) {
        let isMaster = port < 0xA0
        var chip = isMaster ? master : slave
        if port & 1 == 0 {
            if value & 0x10 != 0 {
                // ICW1 starts initialisation and clears the mask register (8259A data sheet).
                chip.initialisationCommand = value
                chip.initialisationStep = 2
                chip.mask = 0
                chip.inService = 0
                chip.pending = 0
            } else if value & 0x08 == 0, value & 0x20 != 0 {
                // OCW2 with EOI: specific (SL = bit 6) or non-specific (the highest-priority line).
                let line: UInt8? = value & 0x40 != 0 ? value & 7 : Self.highestPriority(chip.inService)
                if let line { chip.inService &= ~(1 << line) }
                chip.endOfInterruptCount += 1
            }
            // OCW3 (bit 3 set): register reads and special mask mode, not modelled.
        } else {
            switch chip.initialisationStep {
            case 2:
                chip.vectorBase = value & 0xF8
                chip.initialisationStep = chip.initialisationCommand & 0x02 != 0
                    ? (chip.initialisationCommand & 0x01 != 0 ? 4 : 0) : 3
            case 3:
                chip.cascade = value
                chip.initialisationStep = chip.initialisationCommand & 0x01 != 0 ? 4 : 0
            case 4: chip.initialisationStep = 0
            default: chip.mask = value
            }
        }
        if isMaster { master = chip } else { slave = chip }
    }

    private static func highestPriority(_ bits: UInt8) -> UInt8? {
        bits == 0 ? nil : UInt8(bits.trailingZeroBitCount)
    }

    func readMask(port: UInt16) -> UInt8 { port < 0xA0 ? master.mask : slave.mask }

    /// The vector for `line`, or nil when the line (or the cascade) is masked or in service.
    func acknowledge(line: UInt8) -> UInt8? {
        if line < 8 {
            let bit = UInt8(1) << line
            guard master.mask & bit == 0, master.inService & bit == 0 else { return nil }
            master.inService |= bit
            master.pending &= ~bit
            return master.vectorBase + line
        }
        let bit = UInt8(1) << (line - 8)
        guard master.mask & 0x04 == 0, slave.mask & bit == 0, slave.inService & bit == 0 else { return nil }
        slave.inService |= bit
        slave.pending &= ~bit
        master.inService |= 0x04
        return slave.vectorBase + (line - 8)
    }

    /// The CPU did not take the interrupt (IF clear): the request waits in the IRR.
    func leavePending(line: UInt8) {
        if line < 8 {
            master.inService &= ~(1 << line)
            master.pending |= 1 << line
        } else {
            slave.inService &= ~(1 << (line - 8))
            master.inService &= ~0x04
            slave.pending |= 1 << (line - 8)
        }
    }
}

/// Channel 0 of the 8253/8254 PIT (ports 0x40–0x43): the mode and the divisor a kernel sets.
public final class PIT8253: @unchecked Sendable {
    public private(set) var command: UInt8 = 0
    public private(set) var divisor: UInt16 = 0
    private var lowByte: UInt8?

    public init() {}

    public func reset() {
        command = 0
        divisor = 0
        lowByte = nil
    }

    /// The rate generator's output frequency in Hz (1,193,182 Hz oscillator).
    public var frequency: Double { divisor == 0 ? 0 : 1_193_182.0 / Double(divisor) }

    func write(port: UInt16, value: UInt8) {
        if port == 0x43 {
            command = value
            lowByte = nil
        } else if port == 0x40 {
            if let low = lowByte {
                divisor = UInt16(value) << 8 | UInt16(low)
                lowByte = nil
            } else {
                lowByte = value
            }
        }
    }
}

/// COM1 (16550 UART at 0x3F8): collects what the kernel prints; always ready to transmit.
public final class SerialPort: @unchecked Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Line control register: bit 7 (DLAB) turns 0x3F8/0x3F9 into the baud-rate divisor.
    public private(set) var lineControl: UInt8 = 0
    public init() {}
    public func reset() { bytes = []; lineControl = 0 }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    func write(port: UInt16, value: UInt8) {
        if port == 0x3FB { lineControl = value }
        if port == 0x3F8, lineControl & 0x80 == 0 { bytes.append(value) }
    }

    func read(port: UInt16) -> UInt8 {
        port == 0x3FD ? 0x60 : 0  // line status: transmitter empty
    }
}
