/// One `pok_ret_t` value. POK: kernel/include/errno.h (libpok/include/errno.h is identical).
public struct ErrorCode: Codable, Sendable, Equatable {
    /// POK's constant, e.g. POK_ERRNO_EINVAL.
    public var name: String
    /// The case name in the course's `PokReturn` (Kernel and Libpok), e.g. "invalid".
    public var caseName: String
    public var value: UInt32

    public init(_ name: String, _ caseName: String, _ value: UInt32) {
        self.name = name
        self.caseName = caseName
        self.value = value
    }

    /// The values the course's kernel knows, in POK's order (POK has no 4).
    static let pok: [ErrorCode] = [
        ErrorCode("POK_ERRNO_OK", "ok", 0),
        ErrorCode("POK_ERRNO_EINVAL", "invalid", 1),
        ErrorCode("POK_ERRNO_UNAVAILABLE", "unavailable", 2),
        ErrorCode("POK_ERRNO_PARAM", "parameter", 3),
        ErrorCode("POK_ERRNO_TOOMANY", "tooMany", 5),
        ErrorCode("POK_ERRNO_EPERM", "permission", 6),
        ErrorCode("POK_ERRNO_EXISTS", "exists", 7),
        ErrorCode("POK_ERRNO_ERANGE", "range", 8),
        ErrorCode("POK_ERRNO_EDOM", "domain", 9),
        ErrorCode("POK_ERRNO_HUGE_VAL", "hugeValue", 10),
        ErrorCode("POK_ERRNO_EFAULT", "fault", 11),
        ErrorCode("POK_ERRNO_THREAD", "thread", 49),
        ErrorCode("POK_ERRNO_THREADATTR", "threadAttribute", 50),
        ErrorCode("POK_ERRNO_TIME", "time", 100),
        ErrorCode("POK_ERRNO_PARTITION_ATTR", "partitionAttribute", 200),
        ErrorCode("POK_ERRNO_TIMEOUT", "timeout", 250),
        ErrorCode("POK_ERRNO_MODE", "mode", 251),
    ]
}
