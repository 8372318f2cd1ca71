// The classic mistakes of Chapter 5's assignment, each a patch against the reference:
// HypervisorGraderTests asserts each one's exact score, verdict and failing checks under
// `pokdoc grade --chapter 5`.

public enum HypervisorMutantCorpus {
    static let kernelIDs = "Sources/Kernel/Core/XenHypercallID.swift"
    static let table = "Sources/Kernel/Core/XenHypercallTable.swift"
    static let definitions = "Sources/Kernel/Core/XenHypercalls.swift"
    static let handlers = "Sources/Kernel/Core/PalaciosHypercalls.swift"
    static let map = "Sources/Kernel/Core/HypercallMap.swift"
    static let xen = "Sources/Libpok/Core/Xen.swift"
    static let palacios = "Sources/Libpok/Core/Palacios.swift"

    /// The first line of xen_version's definition, where a handler's mistakes go.
    static let versionBody = "    static func xenVersion(_ arguments: XenHypercallArguments) -> Int32 {\n        arguments.arg1 =="
    static func prefixVersion(_ line: String) -> Mutant.Edit {
        .init(file: definitions, find: versionBody,
              replace: "    static func xenVersion(_ arguments: XenHypercallArguments) -> Int32 {\n\(line)\n        return arguments.arg1 ==")
    }

    public static let all: [Mutant] = [
        Mutant(name: "xen-version-wrong-number", summary: "the kernel numbers xen_version 16, Libpok 17", edits: [
            .init(file: kernelIDs, find: "    case xenVersion = 17 ", replace: "    case xenVersion = 16 "),
        ]),
        Mutant(name: "xen-version-no-table-entry", summary: "slot 17 of the table is never filled", edits: [
            .init(file: table, find: "        entries[Int(XenHypercallID.xenVersion.rawValue)] = XenHypercalls.xenVersion\n", replace: ""),
        ]),
        Mutant(name: "xen-version-wrong-version", summary: "XENVER_version answers 1: major and minor in each other's halves", edits: [
            .init(file: definitions, find: "    static let version: Int32 = 1 << 16\n", replace: "    static let version: Int32 = 1\n"),
        ]),
        Mutant(name: "xen-version-ignores-command", summary: "xen_version answers the version whatever the command", edits: [
            .init(file: definitions, find: "arguments.arg1 == XenCommand.versionQuery ? version : XenErrno.notImplemented.returned", replace: "version"),
        ]),
        Mutant(name: "xen-version-refuses-only-99", summary: "xen_version refuses command 99, the one a test might try, and answers the version for any other", edits: [
            .init(file: definitions, find: "arguments.arg1 == XenCommand.versionQuery ? version : XenErrno.notImplemented.returned",
                  replace: "arguments.arg1 != 99 ? version : XenErrno.notImplemented.returned"),
        ]),
        Mutant(name: "xen-table-no-bounds-check", summary: "the table is indexed without the check against NR_hypercalls", edits: [
            .init(file: table, find: "guard number < UInt32(count), let handler = entries[Int(number)] else {",
                  replace: "guard let handler = entries[Int(truncatingIfNeeded: number)] else {"),
        ]),
        Mutant(name: "xen-version-loops", summary: "xen_version never returns", edits: [
            prefixVersion("        while arguments.arg1 != 0xFFFF_FFFF { Hardware.disableInterrupts() }"),
        ]),
        Mutant(name: "xen-version-floods", summary: "xen_version prints forever", edits: [
            prefixVersion("        while arguments.arg1 != 0xFFFF_FFFF { Console.write(\"xen_version xen_version xen_version\\n\") }"),
        ]),
        Mutant(name: "patches-probe", summary: "xen_version writes int3 over the first byte of the guest's code", edits: [
            prefixVersion("        arguments.partition.pointer(0).storeBytes(of: 0xCC, as: UInt8.self)"),
        ]),
        Mutant(name: "rdhtsc-halves-swapped", summary: "TIME_RDHTSC_HCALL puts the high half in EBX and the low half in ECX", edits: [
            .init(file: handlers, find: "        guest.registers.pointee.ebx = UInt32(truncatingIfNeeded: now)\n        guest.registers.pointee.ecx = UInt32(truncatingIfNeeded: now >> 32)\n",
                  replace: "        guest.registers.pointee.ebx = UInt32(truncatingIfNeeded: now >> 32)\n        guest.registers.pointee.ecx = UInt32(truncatingIfNeeded: now)\n"),
        ]),
        Mutant(name: "rdhtsc-not-registered", summary: "the handler is written but never registered", edits: [
            .init(file: map, find: "        _ = registerHypercall(PalaciosHypercallID.hostTime, PalaciosHypercalls.hostTime, context: 0)\n", replace: ""),
        ]),
        Mutant(name: "test-handler-edited", summary: "TEST_HCALL's handler, edited by mistake beside the new one, writes the counter into EBX", edits: [
            .init(file: handlers, find: "        guest.registers.pointee.ebx = 0x1111\n",
                  replace: "        guest.registers.pointee.ebx = UInt32(truncatingIfNeeded: Hardware.readTimestamp())\n"),
        ]),
        Mutant(name: "registration-reuses-slot-0", summary: "registerHypercall always writes slot 0, so each registration replaces the one before (the last, the kernel's second OS_DEBUG, replaces TIME_RDHTSC)", edits: [
            .init(file: map, find: "        entries[free] = Entry(id: id, handler: handler, context: context)\n",
                  replace: "        entries[0] = Entry(id: id, handler: handler, context: context)\n"),
        ]),
        Mutant(name: "unregistered-answers-zero", summary: "an unregistered ID answers RAX = 0", edits: [
            .init(file: map, find: "        vmcb.rax = 0xFFFF_FFFF\n", replace: "        vmcb.rax = 0\n"),
        ]),
        Mutant(name: "libpok-version-raw-trap", summary: "Xen.version() hard-codes int $0x82 instead of calling the page", edits: [
            .init(file: xen, find: "public enum Xen: TextChannel {\n",
                  replace: "@_extern(c, \"pok_xen_trap82\") func rawTrap82(_ registers: UnsafeMutablePointer<UInt32>)\n\npublic enum Xen: TextChannel {\n"),
            .init(file: xen, find: "        xenHypercall(.xenVersion, XenCommand.versionQuery)\n",
                  replace: "        var words = InlineArray<6, UInt32>(repeating: 0)\n        words[0] = XenHypercallID.xenVersion.rawValue\n"
                      + "        withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 6) { rawTrap82($0) } }\n"
                      + "        return Int32(bitPattern: words[0])\n"),
        ]),
        Mutant(name: "libpok-version-wrong-slot", summary: "Xen.version() calls console_io's slot", edits: [
            .init(file: xen, find: "        xenHypercall(.xenVersion, XenCommand.versionQuery)\n", replace: "        xenHypercall(.consoleIO, XenCommand.versionQuery)\n"),
        ]),
        Mutant(name: "libpok-hosttime-wrong-id", summary: "GuestCall.hostTime() asks for TIME_CPUFREQ_HCALL (0xd000)", edits: [
            .init(file: palacios, find: "GuestCall(PalaciosHypercallID.hostTime).vmmcall()", replace: "GuestCall(PalaciosHypercallID.hostTime - 1).vmmcall()"),
        ]),
        Mutant(name: "libpok-hosttime-halves-swapped", summary: "GuestCall.hostTime() returns EBX:ECX", edits: [
            .init(file: palacios, find: "UInt64(answer.ecx) << 32 | UInt64(answer.ebx)", replace: "UInt64(answer.ebx) << 32 | UInt64(answer.ecx)"),
        ]),
        Mutant(name: "libpok-compile-error", summary: "GuestCall.hostTime() ORs a UInt32 into a UInt64: Libpok does not compile", edits: [
            .init(file: palacios, find: "UInt64(answer.ecx) << 32 | UInt64(answer.ebx)", replace: "UInt64(answer.ecx) << 32 | answer.ebx"),
        ]),
        Mutant(name: "drops-feature-guard", summary: "the #if POK_NEEDS_XEN_PV around the Xen handlers is deleted: boards without it no longer build", edits: [
            .init(file: definitions, find: "#if POK_NEEDS_XEN_PV\n/// The hypercalls", replace: "/// The hypercalls"),
            .init(file: definitions, find: "    }\n}\n#endif\n", replace: "    }\n}\n"),
        ]),
        Mutant(name: "compile-error", summary: "xen_version does not compile", edits: [
            .init(file: definitions, find: "versionQuery ? version : XenErrno.notImplemented.returned", replace: "versionQuery ? version : XenErrno.notImplemented.returnedd"),
        ]),
        Mutant(name: "edits-outside-manifest", summary: "a change to a file the assignment does not list, and a stray file", edits: [
            .init(file: "Sources/Kernel/Core/Services.swift", find: "func consoleWrite", replace: "func consoleWrite_broken"),
        ], extraFiles: ["notes.txt": "my notes\n"]),
    ]

    public static func named(_ name: String) -> Mutant? { all.first { $0.name == name } }
}
