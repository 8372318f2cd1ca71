// The guest's line protocol on COM1 (docs/ARCHITECTURE.md, "The QEMU protocol").
//
//     POK BOOT <nonce>
//     POK TEST <nonce> PASS|FAIL <name> [detail...]
//     POK FAULT <nonce> vector=<dec> name=<#UD...> error=0x<hex> eip=0x<hex> cs=0x<hex> cpl=<n> [text...]
//     POK END <nonce> <status>
//
// Any other line is transcript text. The nonce is a per-run random token the runner hands the
// kernel on the Multiboot command line (`nonce=<hex>`); a kernel that prints a hard-coded
// "POK TEST ... PASS" cannot know it, so a protocol line with the wrong nonce is a forgery.

/// Whether an in-guest test passed.
public enum TestOutcome: String, Codable, Sendable {
    case pass = "PASS"
    case fail = "FAIL"
}

/// A `POK TEST` line.
public struct TestEvent: Codable, Sendable, Equatable {
    public var outcome: TestOutcome
    public var name: String
    /// Everything after the name, as the guest wrote it (may be empty).
    public var detail: String

    public init(outcome: TestOutcome, name: String, detail: String = "") {
        self.outcome = outcome
        self.name = name
        self.detail = detail
    }
}

/// A `POK FAULT` line: an exception the kernel caught and reported.
public struct FaultReport: Codable, Sendable, Equatable {
    public var vector: Int
    /// The exception mnemonic, e.g. `#GP`.
    public var name: String
    public var errorCode: UInt32
    public var eip: UInt32
    public var cs: UInt32
    public var cpl: Int
    /// Free text after the fields (the kernel's own words).
    public var text: String

    public init(vector: Int, name: String, errorCode: UInt32, eip: UInt32, cs: UInt32, cpl: Int, text: String = "") {
        self.vector = vector
        self.name = name
        self.errorCode = errorCode
        self.eip = eip
        self.cs = cs
        self.cpl = cpl
        self.text = text
    }

    /// One line for humans, e.g. `#GP(0x16a) vector 13 at eip=0x1040 cs=0x1b cpl=3: int $45 ...`.
    public var summary: String {
        var line = "\(name)(0x\(hex(errorCode))) vector \(vector) at eip=0x\(hex(eip)) cs=0x\(hex(cs)) cpl=\(cpl)"
        if !text.isEmpty { line += ": \(text)" }
        return line
    }
}

/// One serial line, classified.
public enum SerialEvent: Sendable, Equatable {
    case boot
    case test(TestEvent)
    case fault(FaultReport)
    case end(status: String)
    /// A protocol line whose nonce is missing or is not this run's.
    case forged
    /// A protocol line with the right nonce whose fields do not parse.
    case malformed(reason: String)
    /// Anything else the guest printed.
    case text
}

/// A line as the runner hands it to a live observer.
public struct SerialLine: Sendable, Equatable {
    /// The line for display: nonce replaced by `<nonce>`, no line terminator.
    public var display: String
    public var event: SerialEvent
}

/// Parses and renders the line protocol for one run's nonce.
public struct SerialProtocol: Sendable, Equatable {
    /// Every protocol line starts with this word.
    public static let marker = "POK"
    /// What `display(_:)` puts in place of the nonce, so transcripts are stable across runs.
    public static let noncePlaceholder = "<nonce>"

    public let nonce: String

    /// - Precondition: `nonce` is non-empty and has no whitespace (it is one word of a line).
    public init(nonce: String) {
        precondition(!nonce.isEmpty && !nonce.contains(where: \.isWhitespace), "nonce must be one non-empty word")
        self.nonce = nonce
    }

    /// A fresh 64-bit nonce as 16 lowercase hex digits.
    public static func randomNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Classifies one line (a trailing carriage return is ignored).
    public func parse(_ rawLine: String) -> SerialEvent {
        guard let head = ProtocolHead(rawLine) else { return .text }
        guard head.nonce == nonce else { return .forged }
        let rest = head.rest
        switch head.keyword {
        case "BOOT":
            return .boot
        case "END":
            guard let (status, _) = rest.firstWord() else { return .malformed(reason: "POK END without a status") }
            return .end(status: String(status))
        case "TEST":
            return parseTest(rest)
        case "FAULT":
            return parseFault(rest)
        default:
            return .text  // unreachable: ProtocolHead only accepts the four keywords
        }
    }

    /// The line for display: the nonce of a genuine protocol line becomes `<nonce>`; forged
    /// lines and text are shown as written, so a reader sees exactly what the guest claimed.
    public func display(_ rawLine: String) -> String {
        let line = rawLine.droppingCarriageReturn()
        guard let head = ProtocolHead(line), head.nonce == nonce else { return String(line) }
        var shown = "\(Self.marker) \(head.keyword) \(Self.noncePlaceholder)"
        if !head.rest.isEmpty { shown += " " + head.rest }
        return shown
    }

    private func parseTest(_ rest: Substring) -> SerialEvent {
        guard let (word, afterOutcome) = rest.firstWord() else {
            return .malformed(reason: "POK TEST without PASS or FAIL")
        }
        guard let outcome = TestOutcome(rawValue: String(word)) else {
            return .malformed(reason: "POK TEST outcome must be PASS or FAIL, not '\(word)'")
        }
        guard let (name, detail) = afterOutcome.firstWord() else {
            return .malformed(reason: "POK TEST \(word) without a test name")
        }
        return .test(TestEvent(outcome: outcome, name: String(name), detail: String(detail)))
    }

    private func parseFault(_ rest: Substring) -> SerialEvent {
        // The six fields come first, each exactly once, in any order; free text follows.
        var fields: [Substring: Substring] = [:]
        var remaining = rest
        for _ in 0..<6 {
            guard let (word, after) = remaining.firstWord(),
                  let equals = word.firstIndex(of: "=") else {
                return .malformed(reason: "POK FAULT needs vector=, name=, error=, eip=, cs=, cpl=")
            }
            fields[word[..<equals]] = word[word.index(after: equals)...]
            remaining = after
        }
        guard let vector = fields["vector"].flatMap({ Int($0) }),
              let name = fields["name"].map(String.init), !name.isEmpty,
              let errorCode = fields["error"].flatMap(parseHex),
              let eip = fields["eip"].flatMap(parseHex),
              let cs = fields["cs"].flatMap(parseHex),
              let cpl = fields["cpl"].flatMap({ Int($0) }) else {
            return .malformed(reason: "POK FAULT fields: vector=<dec> name=<#XX> error=0x<hex> eip=0x<hex> cs=0x<hex> cpl=<n>")
        }
        return .fault(FaultReport(vector: vector, name: name, errorCode: errorCode, eip: eip, cs: cs, cpl: cpl,
                                  text: String(remaining)))
    }
}

/// The first three words of a protocol line: `POK <KEYWORD> <nonce>`, and the rest.
private struct ProtocolHead {
    static let keywords: Set<Substring> = ["BOOT", "TEST", "FAULT", "END"]

    let keyword: Substring
    /// Empty when the line stops after the keyword (a forgery: it has no nonce).
    let nonce: Substring
    let rest: Substring

    init?(_ rawLine: some StringProtocol) {
        // Protocol lines start at column 0; an indented look-alike is transcript text.
        let line = Substring(rawLine).droppingCarriageReturn()
        guard line.hasPrefix(SerialProtocol.marker + " "),
              let (marker, afterMarker) = line.firstWord(), marker == SerialProtocol.marker,
              let (keyword, afterKeyword) = afterMarker.firstWord(), Self.keywords.contains(keyword)
        else { return nil }
        self.keyword = keyword
        if let (nonce, rest) = afterKeyword.firstWord() {
            self.nonce = nonce
            self.rest = rest
        } else {
            self.nonce = ""
            self.rest = ""
        }
    }
}

extension Substring {
    /// The first space-separated word and the text after the spaces that follow it.
    /// Leading spaces are skipped; returns nil when there is no word.
    fileprivate func firstWord() -> (word: Substring, rest: Substring)? {
        let start = firstIndex(where: { $0 != " " }) ?? endIndex
        guard start < endIndex else { return nil }
        let end = self[start...].firstIndex(of: " ") ?? endIndex
        let restStart = self[end...].firstIndex(where: { $0 != " " }) ?? endIndex
        return (self[start..<end], self[restStart...])
    }
}

extension StringProtocol {
    fileprivate func droppingCarriageReturn() -> Substring {
        let whole = Substring(self)
        return whole.last == "\r" ? whole.dropLast() : whole
    }
}

/// `0x1f` or `1f` to a 32-bit value.
private func parseHex(_ text: Substring) -> UInt32? {
    let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? text.dropFirst(2) : text
    guard !digits.isEmpty else { return nil }
    return UInt32(digits, radix: 16)
}

private func hex(_ value: UInt32) -> String { String(value, radix: 16) }

/// What a run's serial output amounted to, built line by line.
public struct SerialSummary: Codable, Sendable, Equatable {
    /// Every line in display form (nonce replaced by `<nonce>`).
    public var transcript: [String] = []
    /// A `POK BOOT` line with this run's nonce was seen.
    public var booted = false
    public var tests: [TestEvent] = []
    public var faults: [FaultReport] = []
    /// The status word of `POK END`, if the guest got that far.
    public var endStatus: String?
    /// Protocol lines with a wrong or missing nonce, as written.
    public var forgedLines: [String] = []
    /// Genuine protocol lines that did not parse, with the reason.
    public var malformedLines: [String] = []

    public init() {}

    /// Parses `rawLine` with `serialProtocol`, records it, and returns it as the observer sees it.
    @discardableResult
    public mutating func record(_ rawLine: String, using serialProtocol: SerialProtocol) -> SerialLine {
        let line = SerialLine(display: serialProtocol.display(rawLine), event: serialProtocol.parse(rawLine))
        transcript.append(line.display)
        switch line.event {
        case .boot: booted = true
        case .test(let test): tests.append(test)
        case .fault(let fault): faults.append(fault)
        case .end(let status): endStatus = status
        case .forged: forgedLines.append(line.display)
        case .malformed(let reason): malformedLines.append("\(line.display)  (\(reason))")
        case .text: break
        }
        return line
    }

    public var passedTests: [TestEvent] { tests.filter { $0.outcome == .pass } }
    public var failedTests: [TestEvent] { tests.filter { $0.outcome == .fail } }
}
