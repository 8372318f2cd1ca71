// Chapter 5's hypercall interfaces as data (Sources/Conformance): the facts are Xen's, KVM's and
// Palacios's own (public/xen.h, kvm_para.h, vmm_hypercall.h), written here a second time on
// purpose — the test is the independent copy a typo in the data cannot pass.
import Conformance
import Foundation
import Testing

@Suite("Hypercall interfaces: POK, Xen, KVM, Palacios")
struct HypercallInterfaceTests {
    @Test("the interfaces are pok, xen, kvm and palacios; POK's is derived from its profile")
    func names() throws {
        #expect(HypercallInterfaces.all.map(\.name) == ["pok", "xen", "kvm", "palacios"])
        let pok = HypercallInterfaces.pok, profile = Profiles.pokHypercall
        #expect(pok.numbers.map(\.value) == profile.calls.map(\.id) && pok.numbers.map(\.name) == profile.calls.map(\.pokName))
        #expect(pok.entry.vector == 45 && pok.entry.gateDPL == 3 && pok.entry.encoding == [0xCD, 45] && pok.entry.ring3FaultErrorCode == nil)
        #expect(pok.missing.value == 1 && pok.missing.name == "POK_ERRNO_EINVAL")
    }

    // Mutants: a DPL-3 Xen gate, a wrong ENOSYS, a renumbered call, a page stub with another vector.
    @Test("Xen 32-bit PV: int $0x82 through a DPL-1 gate (ring 3 gets #GP 0x412), EAX + EBX…EDI, -ENOSYS, the page stub")
    func xen() throws {
        let xen = try #require(HypercallInterfaces.named("xen"))
        #expect(xen.entry.encoding == [0xCD, 0x82] && xen.entry.vector == 0x82 && xen.entry.gateDPL == 1)
        #expect(xen.entry.ring3FaultErrorCode == 0x412, "#GP(vector·8 + 2) for a ring-3 int $0x82")
        #expect(xen.numberRegister == "EAX" && xen.argumentRegisters == ["EBX", "ECX", "EDX", "ESI", "EDI"] && xen.resultRegister == "EAX")
        #expect(xen.missing.value == -38 && xen.missing.as32Bit == 0xFFFF_FFDA)
        let expected: [UInt32: String] = [
            0: "__HYPERVISOR_set_trap_table", 1: "__HYPERVISOR_mmu_update", 7: "__HYPERVISOR_platform_op",
            10: "__HYPERVISOR_update_descriptor", 12: "__HYPERVISOR_memory_op", 13: "__HYPERVISOR_multicall",
            17: "__HYPERVISOR_xen_version", 18: "__HYPERVISOR_console_io", 20: "__HYPERVISOR_grant_table_op",
            23: "__HYPERVISOR_iret", 24: "__HYPERVISOR_vcpu_op", 29: "__HYPERVISOR_sched_op", 32: "__HYPERVISOR_event_channel_op",
            33: "__HYPERVISOR_physdev_op", 34: "__HYPERVISOR_hvm_op", 36: "__HYPERVISOR_domctl", 41: "__HYPERVISOR_dm_op",
            42: "__HYPERVISOR_hypfs_op", 48: "__HYPERVISOR_arch_0", 55: "__HYPERVISOR_arch_7",
        ]
        for (value, name) in expected { #expect(xen.number(name) == value, "\(name) is \(value)") }
        #expect(!xen.numbers.contains { $0.value == 11 || (43...47).contains($0.value) }, "11 and 43–47 are unassigned")
        #expect(Set(xen.numbers.map(\.value)).count == xen.numbers.count, "each number once")
        let page = try #require(xen.page)
        #expect(page.slotSize == 32)
        #expect(page.stub(18) == [0xB8, 0x12, 0x00, 0x00, 0x00, 0xCD, 0x82, 0xC3], "mov $18, %eax; int $0x82; ret")
    }

    @Test("KVM: vmcall/vmmcall, RAX + RBX RCX RDX RSI, -KVM_ENOSYS (0xFFFFFC18 in 32 bits), numbers 1–12")
    func kvm() throws {
        let kvm = try #require(HypercallInterfaces.named("kvm"))
        #expect(kvm.entry.encoding == [0x0F, 0x01, 0xC1] && kvm.entry.vector == nil)
        #expect(kvm.numberRegister == "RAX" && kvm.argumentRegisters == ["RBX", "RCX", "RDX", "RSI"] && kvm.resultRegister == "RAX")
        #expect(kvm.missing.value == -1000 && kvm.missing.as32Bit == 0xFFFF_FC18)
        #expect(kvm.numbers.map(\.value) == Array(1...12))
        #expect(kvm.number("KVM_HC_VAPIC_POLL_IRQ") == 1 && kvm.number("KVM_HC_KICK_CPU") == 5 && kvm.number("KVM_HC_CLOCK_PAIRING") == 9
                && kvm.number("KVM_HC_SEND_IPI") == 10 && kvm.number("KVM_HC_SCHED_YIELD") == 11 && kvm.number("KVM_HC_MAP_GPA_RANGE") == 12)
        #expect(kvm.privilege.contains("-KVM_EPERM (-1)"))
    }

    @Test("Palacios: vmmcall exits (0x81), the handler decides the result, an unregistered ID gives -1, its predefined IDs")
    func palacios() throws {
        let palacios = try #require(HypercallInterfaces.named("palacios"))
        #expect(palacios.entry.encoding == [0x0F, 0x01, 0xD9] && palacios.entry.transfer.contains("0x81"))
        #expect(palacios.resultRegister == nil && palacios.argumentRegisters == ["RBX", "RCX", "RDX", "RSI"])
        #expect(palacios.missing.value == -1 && palacios.missing.as32Bit == 0xFFFF_FFFF)
        let expected: [String: UInt32] = [
            "TEST_HCALL": 0x0001, "SYMCALL_RET_HCALL": 0x0535, "SYMCALL_ERR_HCALL": 0x0536, "SYMMOD_SYMS_HCALL": 0x0600,
            "MEM_OFFSET_HCALL": 0x1000, "GUEST_INFO_HCALL": 0x3000, "TELEMETRY_HCALL": 0x3001, "BALLOON_START_HCALL": 0xBA00,
            "BALLOON_QUERY_HCALL": 0xBA01, "OS_DEBUG_HCALL": 0xC0C0, "TIME_CPUFREQ_HCALL": 0xD000, "TIME_RDHTSC_HCALL": 0xD001,
            "VNET_HEADER_QUERY_HCALL": 0xE000, "HVM_HCALL": 0xF00D,
        ]
        #expect(Dictionary(uniqueKeysWithValues: palacios.numbers.map { ($0.name, $0.value) }) == expected)
    }

    // Mutant: a comparison typed by hand, missing an interface or a table.
    @Test("the comparison has the four tables, one row an interface, each fact from the data")
    func comparison() {
        let markdown = HypercallInterfaces.comparisonMarkdown()
        for heading in ["### Entry and privilege", "### Registers", "### Numbers, dispatch and a missing call", "### Adding a call"] {
            #expect(markdown.contains(heading))
        }
        for interface in HypercallInterfaces.all {
            #expect(markdown.components(separatedBy: "| **\(interface.name)** |").count - 1 == 4, "\(interface.name): a row in each table")
        }
        #expect(markdown.contains("(error code 0x412)") && markdown.contains("0xFFFFFFDA") && markdown.contains("0xFFFFFC18"))
    }

    @Test("`pokdoc spec --profile xen` exports that interface alone; an unknown name lists xen, kvm and palacios too")
    func export() throws {
        let run = try PokdocSpecCommand.run(["--profile", "xen", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let document = try JSONDecoder().decode(SpecDocument.self, from: Data(run.stdout.utf8))
        #expect(document.profiles.isEmpty && document.interfaces.map(\.name) == ["xen"])
        let unknown = try PokdocSpecCommand.run(["--profile", "hyperv", "--format", "json"])
        #expect(unknown.status != 0 && unknown.stderr.contains("valid profiles: pok-syscall, pok-hypercall, xen, kvm, palacios"), "\(unknown.stderr)")
    }
}
