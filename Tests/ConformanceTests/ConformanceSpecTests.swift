// The spec as data (Sources/Conformance) and its export, `pokdoc spec`: the profiles hold together
// on their own, and the JSON and Markdown that pokdoc writes say exactly what the profiles say.
import Conformance
import Foundation
import Testing

@Suite("Conformance spec — the profiles")
struct ConformanceProfileData {
    @Test("the profiles are pok-syscall and pok-hypercall, found by name; an unknown name lists the valid ones, the interfaces' too")
    func lookup() throws {
        #expect(Profiles.all.map(\.name) == ["pok-syscall", "pok-hypercall"])
        #expect(try Profiles.named("pok-hypercall") == Profiles.pokHypercall)
        #expect(throws: UnknownProfile(name: "pok-vmm")) { try Profiles.named("pok-vmm") }
        #expect(UnknownProfile(name: "pok-vmm").description == "unknown profile 'pok-vmm'; valid profiles: pok-syscall, pok-hypercall, xen, kvm, palacios")
    }

    @Test("the gates are POK's: 42 and 45, 32-bit interrupt gates of DPL 3 at selector 0x08; attribute 0xEE; #GP codes 0x152 and 0x16A")
    func gates() {
        // Intel SDM: P=1, DPL=3, S=0, type 0xE is 0xEE; an IDT-sourced #GP error code is vector·8 + 2.
        for (spec, vector, gp) in [(Profiles.pokSyscall, UInt8(42), UInt32(0x152)), (Profiles.pokHypercall, 45, 0x16A)] {
            #expect(spec.gate.vector == vector && spec.gate.dpl == 3 && spec.gate.selector == 0x08 && spec.gate.typeField == 0xE,
                    "\(spec.name) gate.descriptor: vector \(vector), DPL 3, selector 0x08, type 0xE; got \(spec.gate)")
            #expect(spec.gate.attributeByte == 0xEE, "\(spec.name) gate.descriptor: the attribute byte must be 0xEE, got \(spec.gate.attributeByte)")
            #expect(spec.gate.privilegeFaultErrorCode == gp, "\(spec.name) gate.cpl3: the #GP error code must be \(gp), got \(spec.gate.privilegeFaultErrorCode)")
        }
    }

    @Test("registers, block and nargs: EAX in/out, EBX the block, EBX ECX EDX ESI EDI EBP DS ES preserved; 24 bytes; nargs up to 5")
    func registersAndBlock() {
        for spec in Profiles.all {
            #expect(spec.registers.inputs.map(\.register) == ["EAX", "EBX"] && spec.registers.outputs.map(\.register) == ["EAX"], "\(spec.name) registers.result")
            #expect(spec.registers.preserved == ["EBX", "ECX", "EDX", "ESI", "EDI", "EBP", "DS", "ES"], "\(spec.name) registers.preserved: got \(spec.registers.preserved)")
            #expect(spec.argumentBlock.fields.map(\.name) == ["nargs", "arg1", "arg2", "arg3", "arg4", "arg5"]
                    && spec.argumentBlock.fields.map(\.offset) == [0, 4, 8, 12, 16, 20] && spec.argumentBlock.size == 24,
                    "\(spec.name) block.layout: {nargs, arg1 … arg5} at 0, 4 … 20, 24 bytes; got \(spec.argumentBlock.fields)")
            #expect(spec.nargs.maximum == 5 && spec.nargs.serves(nargs: 2, reads: 2) && spec.nargs.serves(nargs: 5, reads: 1)
                    && !spec.nargs.serves(nargs: 1, reads: 2) && !spec.nargs.serves(nargs: 6, reads: 0), "\(spec.name) nargs.range")
        }
    }

    @Test("the ID tables: POK's numbers and names; every result, pointer length and slot names something that exists")
    func callTables() {
        #expect(Profiles.pokHypercall.calls.map { "\($0.pokName)=\($0.id)" } == [
            "POK_HYPERCALL_CONSWRITE=10", "POK_HYPERCALL_GETTICK=20", "POK_HYPERCALL_IRQ_REGISTER_HANDLER=25",
            "POK_HYPERCALL_IRQ_UNREGISTER_HANDLER=26", "POK_HYPERCALL_IRQ_PARTITION_ENABLE=27",
            "POK_HYPERCALL_IRQ_PARTITION_DISABLE=28", "POK_HYPERCALL_IRQ_PARTITION_ACK=29",
        ], "pok-hypercall ids: PR #3's pok_hypercall_id_t")
        #expect(Profiles.pokSyscall.calls.map { "\($0.pokName)=\($0.id)" } == [
            "POK_SYSCALL_CONSWRITE=10", "POK_SYSCALL_GETCHAR=11", "POK_SYSCALL_GETTICK=20", "POK_SYSCALL_THREAD_SLEEP_UNTIL=51",
            "POK_SYSCALL_THREAD_SLEEP=52", "POK_SYSCALL_THREAD_ID=58", "POK_SYSCALL_PARTITION_GET_ID=405",
            "POK_SYSCALL_PARTITION_GET_PERIOD=406", "POK_SYSCALL_SHUTDOWN=707",
        ], "pok-syscall ids: POK's pok_syscall_id_t")
        #expect(Profiles.pokHypercall.boards == ["x86-qemu-vmm"], "hypercall.board: only x86-qemu-vmm")
        for spec in Profiles.all {
            let errorNames = Set(spec.errors.map(\.name))
            #expect(spec.calls.map(\.id) == spec.calls.map(\.id).sorted() && Set(spec.calls.map(\.id)).count == spec.calls.count, "\(spec.name): IDs unique, in order")
            #expect(errorNames.contains(spec.unknownID) && errorNames.contains(spec.nargs.otherwise) && errorNames.contains(spec.pointers.outside), "\(spec.name): its results are pok_ret_t names")
            for call in spec.calls {
                let slots = call.reads.map(\.slot)
                #expect(slots == Array(spec.argumentBlock.fields.map(\.name).dropFirst().prefix(slots.count)), "\(spec.name) \(call.pokName): reads arg1, arg2 … in order, got \(slots)")
                #expect(call.results.allSatisfy(errorNames.contains), "\(spec.name) \(call.pokName): results \(call.results) must be pok_ret_t names")
                for pointer in call.reads.compactMap(\.pointer) {
                    #expect((pointer.bytes == nil) != (pointer.fromSlot == nil) && (pointer.fromSlot.map(slots.contains) ?? true),
                            "\(spec.name) \(call.pokName): a pointer's length is a byte count or another argument the call reads")
                }
            }
        }
        #expect(Profiles.pokHypercall.call("consoleWrite")?.reads.first?.pointer == .from("arg2")
                && Profiles.pokHypercall.call("getTick")?.reads.first?.pointer == .bytes(8), "hypercall.pointer.buffer: CONSWRITE's arg1 is arg2 bytes, GETTICK's 8")
    }

    @Test("the pok_ret_t table is POK's errno.h: OK 0, EINVAL 1, UNAVAILABLE 2 … MODE 251, no 4")
    func errors() {
        for spec in Profiles.all {
            #expect(spec.error("POK_ERRNO_OK") == 0 && spec.error("POK_ERRNO_EINVAL") == 1 && spec.error("POK_ERRNO_UNAVAILABLE") == 2
                    && spec.error("POK_ERRNO_EFAULT") == 11 && spec.error("POK_ERRNO_MODE") == 251, "\(spec.name) errors: POK's values")
            #expect(!spec.errors.contains { $0.value == 4 } && spec.errors.map(\.value) == spec.errors.map(\.value).sorted(), "\(spec.name) errors: POK has no 4; listed by value")
        }
    }

    @Test("every profile has the rules the grader names, each ID once, each with a chapter section")
    func rules() {
        let required = ["gate.descriptor", "gate.cpl3", "registers.result", "registers.preserved", "block.layout", "nargs.range",
                        "pointer.block", "pointer.buffer", "conswrite.bytes", "gettick.advances", "id.unknown", "id.reserved"]
        for spec in Profiles.all {
            let kind = spec.name.dropFirst("pok-".count)
            let ids = spec.rules.map(\.id)
            #expect(Set(ids).count == ids.count, "\(spec.name) rules: an ID appears twice in \(ids)")
            for id in required.map({ "\(kind).\($0)" }) + ["ids.kernel-equals-libpok"] {
                #expect(spec.rule(id) != nil, "\(spec.name) rules: \(id) is missing")
            }
            #expect(spec.rules.allSatisfy { $0.chapterSection.hasPrefix("Chapter ") && !$0.statement.isEmpty }, "\(spec.name) rules: each says where it is taught")
        }
        #expect(Profiles.pokHypercall.rule("hypercall.board") != nil, "pok-hypercall rules: hypercall.board is missing")
    }
}

@Suite("Conformance spec — pokdoc spec")
struct ConformanceSpecExport {
    @Test("`pokdoc spec --format json` round-trips: it decodes to Profiles.all with schemaVersion 1")
    func jsonRoundTrip() throws {
        let run = try PokdocSpecCommand.run(["--format", "json"])
        #expect(run.status == 0, "pokdoc spec --format json failed: \(run.stderr)")
        let document = try JSONDecoder().decode(SpecDocument.self, from: Data(run.stdout.utf8))
        #expect(document.schemaVersion == 1 && SpecDocument.currentSchemaVersion == 1, "the JSON's schemaVersion must be 1 (docs/conformance-spec.md)")
        #expect(document == SpecDocument(profiles: Profiles.all, interfaces: HypercallInterfaces.all), "the exported JSON must decode to exactly the profiles and the interfaces")
    }

    @Test("`pokdoc spec --profile pok-hypercall --format json` holds vector 45, CONSWRITE 10, and its keys sorted")
    func hypercallGolden() throws {
        let run = try PokdocSpecCommand.run(["--profile", "pok-hypercall", "--format", "json"])
        #expect(run.status == 0, "pokdoc spec --profile pok-hypercall failed: \(run.stderr)")
        let document = try JSONDecoder().decode(SpecDocument.self, from: Data(run.stdout.utf8))
        #expect(document.profiles.map(\.name) == ["pok-hypercall"], "--profile pok-hypercall exports that profile alone")
        #expect(run.stdout.contains("\"vector\" : 45") && run.stdout.contains("\"attributeByte\" : 238"), "the hypercall gate is vector 45, attribute 0xEE")
        #expect(run.stdout.contains("\"id\" : 10,\n          \"name\" : \"consoleWrite\",\n          \"pokName\" : \"POK_HYPERCALL_CONSWRITE\""),
                "CONSWRITE is ID 10, with its keys in sorted order:\n\(run.stdout)")
        let gateKeys = ["attributeByte", "dpl", "privilegeFaultErrorCode", "selector", "type", "typeField", "vector"]
        let positions = gateKeys.compactMap { run.stdout.range(of: "\"\($0)\" :")?.lowerBound }
        #expect(positions.count == gateKeys.count && positions == positions.sorted(), "the gate's keys must come out sorted: \(gateKeys)")
    }

    @Test("`pokdoc spec --format markdown` has a table row per call, and the gate, registers, block, errors and rules tables")
    func markdown() throws {
        for spec in Profiles.all {
            let run = try PokdocSpecCommand.run(["--profile", spec.name, "--format", "markdown"])
            #expect(run.status == 0, "pokdoc spec --profile \(spec.name) --format markdown failed: \(run.stderr)")
            let lines = run.stdout.split(separator: "\n").map(String.init)
            for call in spec.calls {
                #expect(lines.filter { $0.hasPrefix("| \(call.id) | \(call.pokName) | \(call.name) |") }.count == 1, "\(spec.name): one Markdown row for \(call.pokName)")
            }
            for heading in ["### Gate", "### Registers", "### Argument block", "### Calls", "### Errors (`pok_ret_t`)", "### Rules"] {
                #expect(lines.contains(heading), "\(spec.name): the Markdown lacks \(heading)")
            }
            for rule in spec.rules {
                #expect(lines.contains { $0.hasPrefix("| \(rule.id) |") }, "\(spec.name): the Markdown lacks rule \(rule.id)")
            }
            #expect(lines.contains("| 45 (0x2D) | interrupt32 (0xE) | 3 | 0x08 | 0xEE | 0x16A |") == (spec.name == "pok-hypercall"), "\(spec.name): the gate row")
        }
    }

    @Test("an unknown profile is refused with the valid names, and nothing on standard output")
    func unknownProfile() throws {
        let run = try PokdocSpecCommand.run(["--profile", "pok-vmm", "--format", "json"])
        #expect(run.status != 0 && run.stdout.isEmpty, "pokdoc spec --profile pok-vmm must fail without output")
        #expect(run.stderr.contains("unknown profile 'pok-vmm'; valid profiles: pok-syscall, pok-hypercall"), "the error must list the valid profiles, got: \(run.stderr)")
    }

    @Test("--output FILE writes what standard output would get")
    func outputFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pokdoc-spec-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try PokdocSpecCommand.run(["--format", "json", "--output", file.path])
        let printed = try PokdocSpecCommand.run(["--format", "json"])
        #expect(written.status == 0 && written.stdout.isEmpty, "--output must write the file, not standard output: \(written.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == printed.stdout, "the file must hold the same JSON")
    }
}
