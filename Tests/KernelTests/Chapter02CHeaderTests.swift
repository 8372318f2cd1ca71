// Chapter 2, "A partition in C": Sources/Runtime/include/pok/syscall.h gives C partitions POK's
// names for the kernel's numbers. The numbers are written there a second time (C cannot import
// Swift), so this test parses the header and ties every ID and error value to the kernel's tables.
import Foundation
@testable import Kernel
import Testing

/// The header, as C partition programs include it.
enum PokSyscallHeader {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Runtime/include/pok/syscall.h")

    static func text() throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// Every `POK_<prefix>_NAME = value` enumerator in the header.
    static func enumerators(_ prefix: String, in text: String) -> [String: UInt32] {
        var found: [String: UInt32] = [:]
        for match in text.matches(of: #/(POK_[A-Z]+_[A-Z0-9_]+)\s*=\s*([0-9]+)/#) where match.1.hasPrefix("POK_\(prefix)_") {
            found[String(match.1)] = UInt32(match.2)
        }
        return found
    }

    /// POK's name for each case of the kernel's tables (names only: the numbers come from Swift).
    static let syscallNames: [Kernel.SyscallID: String] = [
        .consoleWrite: "POK_SYSCALL_CONSWRITE", .getChar: "POK_SYSCALL_GETCHAR", .getTick: "POK_SYSCALL_GETTICK",
        .threadSleepUntil: "POK_SYSCALL_THREAD_SLEEP_UNTIL", .threadSleep: "POK_SYSCALL_THREAD_SLEEP",
        .threadID: "POK_SYSCALL_THREAD_ID", .partitionGetID: "POK_SYSCALL_PARTITION_GET_ID",
        .partitionGetPeriod: "POK_SYSCALL_PARTITION_GET_PERIOD", .shutdown: "POK_SYSCALL_SHUTDOWN",
    ]
    static let errorNames: [Kernel.PokReturn: String] = [
        .ok: "POK_ERRNO_OK", .invalid: "POK_ERRNO_EINVAL", .unavailable: "POK_ERRNO_UNAVAILABLE",
        .parameter: "POK_ERRNO_PARAM", .tooMany: "POK_ERRNO_TOOMANY", .permission: "POK_ERRNO_EPERM",
        .exists: "POK_ERRNO_EXISTS", .range: "POK_ERRNO_ERANGE", .domain: "POK_ERRNO_EDOM",
        .hugeValue: "POK_ERRNO_HUGE_VAL", .fault: "POK_ERRNO_EFAULT", .thread: "POK_ERRNO_THREAD",
        .threadAttribute: "POK_ERRNO_THREADATTR", .time: "POK_ERRNO_TIME",
        .partitionAttribute: "POK_ERRNO_PARTITION_ATTR", .timeout: "POK_ERRNO_TIMEOUT", .mode: "POK_ERRNO_MODE",
    ]
}

@Suite("Chapter 2 — the C header agrees with the kernel")
struct Chapter02CHeader {
    @Test("every syscall ID in pok/syscall.h is the kernel's, and the vector is 42")
    func syscallIDs() throws {
        let header = PokSyscallHeader.enumerators("SYSCALL", in: try PokSyscallHeader.text())
        for id in Kernel.SyscallID.allCases {
            let name = try #require(PokSyscallHeader.syscallNames[id], "Kernel.SyscallID.\(id) has no POK name in this test")
            #expect(header[name] == id.rawValue,
                    "pok/syscall.h must define \(name) = \(id.rawValue) as Kernel.SyscallID.\(id) does (Sources/Kernel/Core/SyscallID.swift), got \(header[name].map { "\($0)" } ?? "nothing")")
        }
        let known = Set(PokSyscallHeader.syscallNames.values).union(["POK_SYSCALL_INT_NUMBER"])
        for name in header.keys where !known.contains(name) {
            Issue.record("pok/syscall.h defines \(name) = \(header[name]!), which the kernel does not know: a C partition would call an ID that is EINVAL")
        }
        #expect(header["POK_SYSCALL_INT_NUMBER"] == UInt32(Kernel.syscallVector),
                "POK_SYSCALL_INT_NUMBER must be the kernel's syscallVector \(Kernel.syscallVector), got \(header["POK_SYSCALL_INT_NUMBER"].map { "\($0)" } ?? "nothing")")
    }

    @Test("every pok_ret_t value in pok/syscall.h is the kernel's PokReturn")
    func errorValues() throws {
        let header = PokSyscallHeader.enumerators("ERRNO", in: try PokSyscallHeader.text())
        for error in Kernel.PokReturn.allCases {
            let name = try #require(PokSyscallHeader.errorNames[error], "PokReturn.\(error) has no POK name in this test")
            #expect(header[name] == error.rawValue,
                    "pok/syscall.h must define \(name) = \(error.rawValue) as PokReturn.\(error) does (Sources/Kernel/Core/Errno.swift), got \(header[name].map { "\($0)" } ?? "nothing")")
        }
        let known = Set(PokSyscallHeader.errorNames.values)
        for name in header.keys where !known.contains(name) {
            Issue.record("pok/syscall.h defines \(name) = \(header[name]!), which the kernel's PokReturn does not have")
        }
    }

    @Test("pok_syscall_args_t is nargs then arg1…arg5, and pok_syscallN sets nargs = N")
    func argumentBlock() throws {
        let text = try PokSyscallHeader.text()
        let body = try #require(text.firstMatch(of: #/typedef struct \{([^}]*)\} pok_syscall_args_t;/#), "pok/syscall.h must declare pok_syscall_args_t")
        let fields = body.1.matches(of: #/uint32_t\s+(\w+);/#).map { String($0.1) }
        #expect(fields == ["nargs", "arg1", "arg2", "arg3", "arg4", "arg5"] && Kernel.SyscallArguments.size == 24,
                "pok_syscall_args_t must be the six 32-bit words the kernel reads at EBX (nargs, arg1…arg5), got \(fields)")
        for n in 0...5 {
            let pattern = try Regex("#define pok_syscall\(n)\\(sid[^)]*\\)\\s*\\\\?\\s*pok_do_syscall\\(\\(sid\\), &\\(pok_syscall_args_t\\)\\{\(n),")
            #expect(text.contains(pattern), "pok_syscall\(n) must build a block whose nargs is \(n), as POK's macros do")
        }
    }
}
