/// A profile as Markdown tables: gate, registers, argument block, calls, errors, rules.
extension Profile {
    public var markdown: String {
        var out: [String] = ["## \(title) — `\(name)`", "", "Boards: \(boards.map { "`\($0)`" }.joined(separator: ", ")).", ""]
        out += ["### Gate", ""] + markdownTable(["vector", "type", "DPL", "selector", "attribute byte", "#GP error code without it"], [[
            "\(gate.vector) (0x\(hex(gate.vector)))", "\(gate.type) (0x\(hex(gate.typeField)))", "\(gate.dpl)",
            "0x\(hex(gate.selector, width: 2))", "0x\(hex(gate.attributeByte))", "0x\(hex(gate.privilegeFaultErrorCode))",
        ]])
        out += ["### Registers", ""] + markdownTable(["register", "in", "out", "preserved"], registerRows)
        out += ["### Argument block", "", "\(argumentBlock.size) bytes; a call is served when `nargs` is between what it reads and \(nargs.maximum), else \(nargs.otherwise). Pointers are offsets from \(pointers.relativeTo); outside it: \(pointers.outside). Unknown ID: \(unknownID).", ""]
        out += markdownTable(["field", "offset", "size"], argumentBlock.fields.map { [$0.name, "\($0.offset)", "\($0.size)"] })
        out += ["### Calls", ""] + markdownTable(["ID", "POK name", "case", "served", "reads", "results"], calls.map { call in
            let reads = call.reads.map { arg in
                "\(arg.slot): \(arg.meaning)" + (arg.pointer.map { " (partition-relative pointer, \($0.description))" } ?? "")
            }
            return ["\(call.id)", call.pokName, call.name, call.served ? "yes" : "reserved",
                    reads.isEmpty ? "—" : reads.joined(separator: "; "), call.results.joined(separator: ", ")]
        })
        out += ["### Errors (`pok_ret_t`)", ""] + markdownTable(["value", "name", "case"], errors.map { ["\($0.value)", $0.name, $0.caseName] })
        out += ["### Rules", ""] + markdownTable(["ID", "title", "statement", "taught in"], rules.map { [$0.id, $0.title, $0.statement, $0.chapterSection] })
        return out.joined(separator: "\n")
    }

    private var registerRows: [[String]] {
        var names: [String] = []
        for name in registers.inputs.map(\.register) + registers.outputs.map(\.register) + registers.preserved where !names.contains(name) {
            names.append(name)
        }
        return names.map { name in
            [name, registers.inputs.first { $0.register == name }?.meaning ?? "—",
             registers.outputs.first { $0.register == name }?.meaning ?? "—",
             registers.preserved.contains(name) ? "yes" : "no"]
        }
    }
}

/// A Markdown table; `|` in a cell is escaped.
func markdownTable(_ header: [String], _ rows: [[String]]) -> [String] {
    func line(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    return [line(header), line(header.map { _ in "---" })] + rows.map(line) + [""]
}
