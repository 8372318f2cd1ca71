/// Chapter 5's comparison tables, generated from the interfaces (never typed in the chapter).
extension HypercallInterfaces {
    /// `bytes` as `0F 01 D9`.
    static func spelled(_ bytes: [UInt8]) -> String { bytes.map { hex($0, width: 2).uppercased() }.joined(separator: " ") }

    /// Entry, privilege, registers, dispatch, missing calls and extension, one row an interface.
    public static func comparisonMarkdown(_ interfaces: [HypercallInterface] = all) -> String {
        var out: [String] = ["### Entry and privilege", ""]
        out += markdownTable(["", "instruction", "how control arrives", "caller", "privilege"], interfaces.map { i in
            ["**\(i.name)**", "`\(i.entry.instruction)` (`\(spelled(i.entry.encoding))`)", i.entry.transfer, i.caller,
             i.privilege + (i.entry.ring3FaultErrorCode.map { " (error code 0x\(hex($0)))" } ?? "")]
        })
        out += ["### Registers", ""]
        out += markdownTable(["", "number", "arguments", "result", "also changed"], interfaces.map { i in
            ["**\(i.name)**", i.numberRegister, i.argumentRegisters.joined(separator: ", "), i.resultRegister ?? "the handler decides", i.clobbered]
        })
        out += ["### Numbers, dispatch and a missing call", ""]
        out += markdownTable(["", "numbers defined", "dispatch", "a number nobody serves"], interfaces.map { i in
            let values = i.numbers.map(\.value)
            let range = values.isEmpty ? "none" : "\(values.count), from \(values.min()!) to \(values.max()!)"
            return ["**\(i.name)**", range, i.dispatch,
                    "`\(i.missing.name)` (0x\(hex(i.missing.as32Bit, width: 8).uppercased()) in a 32-bit register): \(i.missing.description)"]
        })
        out += ["### Adding a call", ""]
        out += markdownTable(["", "steps"], interfaces.map { i in
            ["**\(i.name)**", i.extending.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: " ")]
        })
        return out.joined(separator: "\n")
    }

    /// One interface's number table, and its hypercall page when it has one.
    public static func numbersMarkdown(_ interface: HypercallInterface) -> String {
        var out: [String] = ["### \(interface.title): numbers", ""]
        out += markdownTable(["number", "name"], interface.numbers.map { ["\($0.value) (0x\(hex($0.value)))", "`\($0.name)`"] })
        if let page = interface.page, let first = interface.numbers.first {
            out += ["The hypercall page: a \(page.slotSize)-byte slot a call; the stub for call n is `\(spelled(page.prefix)) <n, 4 bytes, little-endian> \(spelled(page.suffix))`, e.g. call \(first.value): `\(spelled(page.stub(first.value)))`.", ""]
        }
        return out.joined(separator: "\n")
    }
}

extension HypercallInterface {
    /// The interface alone, as `pokdoc spec --profile NAME --format markdown` prints it.
    public var markdown: String {
        "## \(title) — `\(name)`\n\n" + HypercallInterfaces.comparisonMarkdown([self]) + "\n" + HypercallInterfaces.numbersMarkdown(self)
    }
}
