/// The kernel's error codes, as POK numbers them.
/// POK: pok_ret_t, kernel/include/errno.h
public enum PokReturn: UInt32, Sendable, CaseIterable {
    case ok = 0
    case invalid = 1        // POK_ERRNO_EINVAL
    case unavailable = 2
    case parameter = 3
    case tooMany = 5
    case permission = 6     // POK_ERRNO_EPERM
    case exists = 7
    case range = 8
    case domain = 9
    case hugeValue = 10
    case fault = 11         // POK_ERRNO_EFAULT
    case thread = 49
    case threadAttribute = 50
    case time = 100
    case partitionAttribute = 200
    case timeout = 250
    case mode = 251
}
