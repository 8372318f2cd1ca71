import Libpok

// ANCHOR: hello
/// POK's "hello world" partition: print through CONSWRITE, read the clock through GETTICK
/// twice with a sleep between, and show that time advanced. Returning ends the partition
/// (Libpok then calls SHUTDOWN).
@_cdecl("pok_partition_main")
public func partitionMain() {
    Console.write("Hello from partition 0, running at CPL 3\n")
    guard let first = Time.ticks() else {
        Console.write("GETTICK failed\n")
        return
    }
    Time.sleep(milliseconds: 20)
    guard let second = Time.ticks() else {
        Console.write("GETTICK failed\n")
        return
    }
    Console.write("first tick: ")
    Console.write(first)
    Console.write("\nsecond tick: ")
    Console.write(second)
    Console.write(second > first ? "\ntime advances\n" : "\ntime stood still\n")
}
// ANCHOR_END: hello
