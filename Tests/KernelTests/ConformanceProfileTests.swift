// The profiles in Sources/Conformance are the spec; these tests tie the kernel's and Libpok's
// tables to them, so the spec, the chapters and the code cannot drift apart. Each failure names
// the profile and the rule it depends on.
@testable import Kernel
import Conformance
import I386HostModel
import Libpok
import Testing

/// Case name → raw value of an ID enum, as the profiles' `idsByName` spells it.
private func table<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String: UInt32] where E.RawValue == UInt32 {
    Dictionary(uniqueKeysWithValues: E.allCases.map { ("\($0)", $0.rawValue) })
}

@Suite("Conformance profiles — the kernel and Libpok match the spec")
struct ConformanceProfileTables {
    @Test("pok-syscall: Kernel.SyscallID and Libpok.SyscallID are the profile's ID table; both vectors are its gate's")
    func syscallTable() {
        let spec = Profiles.pokSyscall
        #expect(table(Kernel.SyscallID.self) == spec.idsByName, "ids.kernel-equals-libpok (pok-syscall): Kernel.SyscallID must be the profile's table \(spec.idsByName.sorted { $0.value < $1.value })")
        #expect(table(Libpok.SyscallID.self) == spec.idsByName, "ids.kernel-equals-libpok (pok-syscall): Libpok.SyscallID must be the profile's table \(spec.idsByName.sorted { $0.value < $1.value })")
        #expect(Kernel.syscallVector == spec.gate.vector && Libpok.syscallVector == spec.gate.vector,
                "syscall.gate.descriptor (pok-syscall): both sides must use vector \(spec.gate.vector), got kernel \(Kernel.syscallVector), Libpok \(Libpok.syscallVector)")
    }

    @Test("pok-hypercall: Kernel.HypercallID and Libpok.HypercallID are the profile's ID table; both vectors are its gate's")
    func hypercallTable() {
        let spec = Profiles.pokHypercall
        #expect(table(Kernel.HypercallID.self) == spec.idsByName, "ids.kernel-equals-libpok (pok-hypercall; Chapter 4, step 1): Kernel.HypercallID must be the profile's table \(spec.idsByName.sorted { $0.value < $1.value })")
        #expect(table(Libpok.HypercallID.self) == spec.idsByName, "ids.kernel-equals-libpok (pok-hypercall; Chapter 4, step 1): Libpok.HypercallID must be the profile's table \(spec.idsByName.sorted { $0.value < $1.value })")
        #expect(Kernel.hypercallVector == spec.gate.vector && Libpok.hypercallVector == spec.gate.vector,
                "hypercall.gate.descriptor (pok-hypercall; Chapter 4, step 1): both sides must use vector \(spec.gate.vector), got kernel \(Kernel.hypercallVector), Libpok \(Libpok.hypercallVector)")
    }

    @Test("Kernel.PokReturn is the profiles' pok_ret_t table; every Libpok.PokReturn case has the profile's name and value")
    func errorTable() {
        for spec in Profiles.all {
            let kernel = Kernel.PokReturn.allCases.map { ErrorName(caseName: "\($0)", value: $0.rawValue) }
            let profile = spec.errors.map { ErrorName(caseName: $0.caseName, value: $0.value) }
            #expect(kernel == profile, "\(spec.name) errors: Kernel.PokReturn must hold exactly the profile's pok_ret_t values in order, got \(kernel) against \(profile)")
            // Libpok's PokReturn is a subset and not CaseIterable: every value it knows (found by
            // probing 0…1023, above POK's largest, 601) must be the profile's, with the profile's name.
            for value: UInt32 in 0...1023 {
                guard let libpok = Libpok.PokReturn(rawValue: value) else { continue }
                let profile = spec.errors.first { $0.value == value }
                #expect(profile?.caseName == "\(libpok)", "\(spec.name) errors: Libpok.PokReturn.\(libpok) = \(value), the profile has \(profile.map { ".\($0.caseName) (\($0.name))" } ?? "no such value")")
            }
        }
    }

    @Test("SyscallArguments (Kernel and Libpok) has the profile's argument-block layout")
    func argumentBlock() {
        let kernelFields: [String: PartialKeyPath<Kernel.SyscallArguments>] = [
            "nargs": \.nargs, "arg1": \.arg1, "arg2": \.arg2, "arg3": \.arg3, "arg4": \.arg4, "arg5": \.arg5,
        ]
        let libpokFields: [String: PartialKeyPath<Libpok.SyscallArguments>] = [
            "nargs": \.nargs, "arg1": \.arg1, "arg2": \.arg2, "arg3": \.arg3, "arg4": \.arg4, "arg5": \.arg5,
        ]
        for spec in Profiles.all {
            let block = spec.argumentBlock
            #expect(MemoryLayout<Kernel.SyscallArguments>.size == Int(block.size) && Kernel.SyscallArguments.size == block.size,
                    "\(spec.name).block.layout: Kernel.SyscallArguments must be \(block.size) bytes")
            #expect(MemoryLayout<Libpok.SyscallArguments>.size == Int(block.size), "\(spec.name).block.layout: Libpok.SyscallArguments must be \(block.size) bytes")
            #expect(Set(kernelFields.keys) == Set(block.fields.map(\.name)), "\(spec.name).block.layout: the block's fields are \(block.fields.map(\.name))")
            for field in block.fields {
                let kernel = kernelFields[field.name].flatMap { MemoryLayout<Kernel.SyscallArguments>.offset(of: $0) }
                let libpok = libpokFields[field.name].flatMap { MemoryLayout<Libpok.SyscallArguments>.offset(of: $0) }
                #expect(kernel == Int(field.offset) && libpok == Int(field.offset),
                        "\(spec.name).block.layout: \(field.name) must be at offset \(field.offset), got kernel \(kernel.map(String.init) ?? "none"), Libpok \(libpok.map(String.init) ?? "none")")
            }
        }
    }

    @Test("The kernel's nargs check is the profiles' nargs rule, for every count 0…7 and every call")
    func nargsRule() {
        for spec in Profiles.all {
            #expect(Kernel.SyscallArguments.capacity == spec.nargs.maximum, "\(spec.name).nargs.range: the block holds \(spec.nargs.maximum) arguments")
            for call in spec.calls where call.served {
                let reads = UInt32(call.reads.count)
                for nargs: UInt32 in 0...7 {
                    #expect(Kernel.SyscallArguments(nargs: nargs).supplies(reads) == spec.nargs.serves(nargs: nargs, reads: reads),
                            "\(spec.name).nargs.range: \(call.pokName) reads \(reads); nargs \(nargs) must be \(spec.nargs.serves(nargs: nargs, reads: reads) ? "served" : "EINVAL")")
                }
            }
        }
    }
}

/// A `pok_ret_t` case as both sides name it.
private struct ErrorName: Equatable, CustomStringConvertible {
    var caseName: String
    var value: UInt32
    var description: String { "\(caseName)=\(value)" }
}

extension HostKernel {
    @Suite("Conformance profiles — the kernel answers as the ID table says")
    struct ConformanceProfileDispatch {
        @Test("a reserved ID answers UNAVAILABLE and an unknown ID answers EINVAL, on both gates", arguments: Profiles.all.map(\.name))
        func reservedAndUnknown(_ name: String) throws {
            let spec = try Profiles.named(name)
            HostWorld.boot()
            HostWorld.placeBlock(SyscallArguments(nargs: 5, 0x300, 1, 0, 0, 0), at: 0x400)
            let kind = String(name.dropFirst("pok-".count))
            for call in spec.calls where !call.served {
                let result = HostWorld.trap(spec.gate.vector, eax: call.id, ebx: 0x400)
                #expect(result == spec.error("POK_ERRNO_UNAVAILABLE"), "\(kind).id.reserved: \(call.pokName) (\(call.id)) must answer POK_ERRNO_UNAVAILABLE, got \(result)")
            }
            let unknown = (spec.calls.map(\.id).max() ?? 0) + 1
            let result = HostWorld.trap(spec.gate.vector, eax: unknown, ebx: 0x400)
            #expect(result == spec.error(spec.unknownID), "\(kind).id.unknown: ID \(unknown) is not in the table and must answer \(spec.unknownID), got \(result)")
        }
    }
}
