#if POK_NEEDS_XEN_PV
/// One entry of the table: a handler takes the five arguments and returns EAX's value.
public typealias XenHypercallHandler = (XenHypercallArguments) -> Int32

// ANCHOR: xen-hypercall-table
/// Dispatch by table, as Xen does: the number indexes an array of handlers; a number past its end
/// or a slot nobody filled answers -ENOSYS. Adding a hypercall is a number (`XenHypercallID`), a
/// slot filled here, a declaration and a definition (`XenHypercalls`), and a test from the guest.
/// Xen: hypercall_table (x86_32/entry.S, 3.x) and its bounds check (`cmpq $NR_hypercalls`, 4.x)
public enum XenHypercallTable {
    /// NR_hypercalls: the table's length. Xen: `#define NR_hypercalls 64` (4.x)
    public static let count = 64

    nonisolated(unsafe) static var entries = InlineArray<64, XenHypercallHandler?>(repeating: nil)

    /// Fills the slots of the hypercalls this kernel implements; every other slot stays a hole.
    static func initialize() {
        for number in 0..<count { entries[number] = nil }
        // Each slot is stored directly: a handler passed through a parameter first would be
        // called through a thunk, some sixty instructions more on every hypercall.
        entries[Int(XenHypercallID.consoleIO.rawValue)] = XenHypercalls.consoleIO
        entries[Int(XenHypercallID.schedOp.rawValue)] = XenHypercalls.schedOp
        // SOLUTION-BEGIN step=2 title="The table entry"
        entries[Int(XenHypercallID.xenVersion.rawValue)] = XenHypercalls.xenVersion
        // SOLUTION-ELSE
        // SOLUTION-END
    }

    /// EAX = `number`: the bounds check, then the slot, else -ENOSYS (`do_ni_hypercall`).
    static func dispatch(_ number: UInt32, _ arguments: XenHypercallArguments) -> Int32 {
        guard number < UInt32(count), let handler = entries[Int(number)] else {
            return XenErrno.notImplemented.returned
        }
        return handler(arguments)
    }
}
// ANCHOR_END: xen-hypercall-table
#endif
