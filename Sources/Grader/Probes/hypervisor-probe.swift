// The grader's probe for Chapter 5's assignment (docs/grading.md, "Grading Chapter 5"): one
// partition, booted twice — with the student's kernel and the reference Libpok, and with the
// reference kernel and the student's Libpok. In ring 1 it tries the Xen-style gate with raw
// `int $0x82` and then Libpok's Xen.version(); under SVM, as the guest, raw VMMCALLs and then
// Libpok's GuestCall.hostTime(). After each it calls pok_grader_report (a `ret` the grader stops
// at) with a tag and seven words. It prints nothing: nothing on the serial port is evidence.
// The numbers it calls are Xen's and Palacios's (Sources/Conformance); the reference's grade, at
// full marks in the tests, ties the two.
import Libpok

@_extern(c, "pok_grader_report")
func report(_ tag: UInt32, _ w0: UInt32, _ w1: UInt32, _ w2: UInt32, _ w3: UInt32, _ w4: UInt32, _ w5: UInt32, _ w6: UInt32)
@_extern(c, "pok_xen_trap82") func trap82(_ registers: UnsafeMutablePointer<UInt32>)
@_extern(c, "pok_vmmcall") func vmmcall(_ registers: UnsafeMutablePointer<UInt32>)
@_extern(c, "pok_read_timestamp") func readTimestamp() -> UInt64

/// __HYPERVISOR_xen_version, XENVER_version.
let xenVersion: UInt32 = 17, versionQuery: UInt32 = 0
/// __HYPERVISOR_sched_op, SCHEDOP_shutdown, NR_hypercalls.
let schedOp: UInt32 = 29, schedShutdown: UInt32 = 2, tableLength: UInt32 = 64
/// TEST_HCALL, TIME_RDHTSC_HCALL.
let testCall: UInt32 = 0x0001, hostTimeCall: UInt32 = 0xD001

/// Report `tag` with the address of a word the grader fills while stopped there (a value it drew
/// from the run's seed); the word afterwards. `fallback` stays if nobody writes it.
func askGrader(_ tag: UInt32, fallback: UInt32) -> UInt32 {
    var word = fallback
    return withUnsafeMutablePointer(to: &word) { pointer in
        report(tag, PartitionAddress.of(UnsafeRawPointer(pointer)), 0, 0, 0, 0, 0, 0)
        return pointer.pointee
    }
}

/// A raw `int $0x82`: EAX = number, EBX, ECX = arguments; EAX afterwards.
func xenTrap(_ number: UInt32, _ arg1: UInt32 = 0, _ arg2: UInt32 = 0) -> UInt32 {
    var words = InlineArray<6, UInt32>(repeating: 0)
    words[0] = number; words[1] = arg1; words[2] = arg2
    withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 6) { trap82($0) } }
    return words[0]
}

/// A raw VMMCALL: EAX = id, EBX..ESI = 0; EAX, EBX, ECX, EDX, ESI afterwards.
func guestCall(_ id: UInt32) -> InlineArray<5, UInt32> {
    var words = InlineArray<5, UInt32>(repeating: 0)
    words[0] = id
    withUnsafeMutablePointer(to: &words) { $0.withMemoryRebound(to: UInt32.self, capacity: 5) { vmmcall($0) } }
    return words
}

func low(_ value: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: value) }
func high(_ value: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: value >> 32) }

/// Ring 1: the Xen-style half.
@_cdecl("pok_partition_main")
public func partitionMain() {
    // 0: the probe runs; the grader gives it a command xen_version does not have.
    let unknownCommand = askGrader(0, fallback: 99)
    // 1: what every number of the table answers with command 0 (the grader reads the 64 words).
    var answers = InlineArray<64, UInt32>(repeating: 0)
    for number in 0..<tableLength { answers[Int(number)] = xenTrap(number) }
    withUnsafePointer(to: &answers) { pointer in
        report(1, PartitionAddress.of(UnsafeRawPointer(pointer)), tableLength, 0, 0, 0, 0, 0)
    }
    // 2: xen_version's two commands (and the unknown one, as the probe used it).
    report(2, xenTrap(xenVersion, versionQuery), xenTrap(xenVersion, unknownCommand), unknownCommand, 0, 0, 0, 0)
    // 3: Libpok's call; the grader watches slot 17 of the hypercall page.
    report(3, UInt32(bitPattern: Xen.version()), 0, 0, 0, 0, 0, 0)
    // 4: past the table's end (last: a kernel without the bounds check may not survive them).
    report(4, xenTrap(tableLength), xenTrap(0xFFFF_FFFF), 0, 0, 0, 0, 0)
    // The next guest: sched_op(SCHEDOP_shutdown, { SHUTDOWN_poweroff }) — raw, as the rest.
    var reason: UInt32 = 0
    let stopped = PartitionAddress.with(&reason) { xenTrap(schedOp, schedShutdown, $0) }
    report(98, stopped, 0, 0, 0, 0, 0, 0)  // only if the kernel did not start the SVM guest
}

/// Guest mode under SVM: the Palacios-style half.
@_cdecl("pok_svm_guest_main")
public func svmGuestMain() {
    // 9: the guest (a fresh copy of the image) runs; the grader gives it an ID nobody registers.
    let unregisteredCall = askGrader(9, fallback: 0xBEEF)
    // 10: TIME_RDHTSC_HCALL raw, between two reads of the counter (RDTSC is not intercepted).
    var before = readTimestamp()
    let time = guestCall(hostTimeCall)
    var after = readTimestamp()
    report(10, time[0], time[1], time[2], low(before), high(before), low(after), high(after))
    // 11: an ID nobody registered.
    report(11, guestCall(unregisteredCall)[0], unregisteredCall, 0, 0, 0, 0, 0)
    // 12: TEST_HCALL, registered before the student's call.
    let test = guestCall(testCall)
    report(12, test[0], test[1], test[2], test[3], test[4], 0, 0)
    // 13: Libpok's call; the grader sees its exit.
    before = readTimestamp()
    let host = GuestCall.hostTime()
    after = readTimestamp()
    report(13, host == nil ? 0 : 1, low(host ?? 0), high(host ?? 0), low(before), high(before), low(after), high(after))
    report(99, 0, 0, 0, 0, 0, 0, 0)
}
