// The run protocol survives what partitions print: the runner reads protocol lines only from
// column 0, so the kernel must start them on a fresh line.
@testable import Kernel
import I386HostModel
import Libpok
import Testing

extension HostKernel {
    @Suite("Chapter 2 — the run protocol and partition output")
    struct Chapter02Protocol {
        @Test("a partition's unfinished line does not swallow the kernel's END line")
        func endLineStartsAtColumnZero() {
            HostWorld.boot()
            Console.write("no newline here")
            _ = pokSyscall0(.shutdown)
            #expect(HostWorld.serial.hasSuffix("no newline here\nPOK END  done\n"),
                    "POK END must start its own line, got: \(HostWorld.serial.suffix(60))")
        }

        @Test("the kernel's progress lines never split a partition's line")
        func timerWaitsForTheLine() {
            let machine = HostWorld.boot(reportInterval: 1)
            Console.write("half a line")
            machine.advanceClock()
            Console.write(", the other half\n")
            machine.advanceClock()
            #expect(HostWorld.serial.contains("half a line, the other half\n"),
                    "a kernel report must not split the partition's line: \(HostWorld.serial)")
            #expect(!HostWorld.serial.contains("[time] tick 1\n") && HostWorld.serial.contains("[time] tick 2\n"),
                    "the report due mid-line is skipped, the next one printed: \(HostWorld.serial)")
        }
    }
}
