/// When a block's `nargs` lets a call be served: at least what the call reads, at most what the
/// block holds. POK checks `nargs` only for SHUTDOWN (CHECK_NARGS, kernel/core/syscall.c) and its
/// libpok pads one-argument calls to two, so a count above what the call reads is honest; one
/// below it, or above the capacity, is EINVAL.
public struct NargsRule: Codable, Sendable, Equatable {
    /// The largest count served: the block's capacity.
    public var maximum: UInt32
    /// The result for a count outside the range (a `pok_ret_t` name).
    public var otherwise: String

    public init(maximum: UInt32, otherwise: String) {
        self.maximum = maximum
        self.otherwise = otherwise
    }

    /// True when a call that reads `reads` arguments is served with this `nargs`.
    public func serves(nargs: UInt32, reads: UInt32) -> Bool { nargs >= reads && nargs <= maximum }
}
