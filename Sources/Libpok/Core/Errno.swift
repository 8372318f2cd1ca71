/// Return codes of syscalls as a partition sees them.
/// POK: pok_ret_t, libpok/include/errno.h
public enum PokReturn: UInt32, Sendable {
    case ok = 0
    case invalid = 1
    case unavailable = 2
    case parameter = 3
    case tooMany = 5
    case permission = 6
    case exists = 7
    case range = 8
    case fault = 11
}
