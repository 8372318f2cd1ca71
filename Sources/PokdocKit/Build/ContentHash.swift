// The hash behind the build cache keys: the same inputs always give the same key.

import Foundation

/// FNV-1a: a stable content hash for build cache keys (not for security).
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0100_0000_01b3
        }
        value ^= 0xFF
        value &*= 0x0100_0000_01b3
    }

    mutating func add(_ text: String) { add(text.utf8) }

    mutating func add(file url: URL) throws {
        add(url.path)
        add(try Data(contentsOf: url))
    }

    var hex: String { String(value, radix: 16, uppercase: false).leftPadded(to: 16) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
