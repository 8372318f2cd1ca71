#if POK_BARE_METAL
@_extern(c, "pok_read_timestamp") func pok_read_timestamp() -> UInt64
@_extern(c, "pok_do_nothing") func pok_do_nothing()

/// Times `count` round trips of a call against `count` calls of an empty function, with the
/// time-stamp counter, and prints the result on `channel` for `pokdoc bench hypercalls`:
///
///     bench: begin
///     bench: end
///     bench: <name> count <n> baseline <ticks> calls <ticks>
///
/// Under `-icount shift=s` a tick is 2^s ns and every instruction one 2^s-ns step, so
/// (calls − baseline) / count / 2^s is the guest instructions one round trip costs; the wall time
/// comes from when the host sees the begin and end lines. POK: none (the course's benchmark).
public enum RoundTrip {
    public static let count: UInt32 = 100_000

    public static func measure<Channel: TextChannel>(_ name: StaticString, on channel: Channel.Type, _ call: () -> Void) {
        let start = pok_read_timestamp()
        for _ in 0..<count { pok_do_nothing() }
        let middle = pok_read_timestamp()
        channel.write("bench: begin\n")
        let before = pok_read_timestamp()
        for _ in 0..<count { call() }
        let after = pok_read_timestamp()
        channel.write("bench: end\n")
        channel.write("bench: ")
        channel.write(name)
        channel.write(" count ")
        channel.write(UInt64(count))
        channel.write(" baseline ")
        channel.write(middle &- start)
        channel.write(" calls ")
        channel.write(after &- before)
        channel.write("\n")
    }
}
#endif
