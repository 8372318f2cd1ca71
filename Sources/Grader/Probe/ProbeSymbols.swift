// The probe's addresses and code, from the partition the grader built: the ELF's symbol table
// (llvm-nm) and the flat image the kernel loads (partition.bin, byte n = partition address n).
import Foundation
import PokdocKit

public struct ProbeSymbols: Sendable {
    /// Partition-relative addresses by symbol name.
    public var addresses: [String: UInt32]
    /// The flat partition image.
    public var image: [UInt8]

    public struct Missing: Error, CustomStringConvertible {
        public var symbol: String
        public var elf: String
        public var description: String { "the grader's probe has no symbol \(symbol) in \(elf): the probe was not built from Sources/Grader/Probes" }
    }

    /// Reads the partition `image` embeds (BareMetalBuild's partition folder: partition.elf and
    /// partition.bin).
    public static func load(of image: KernelImage) async throws -> ProbeSymbols {
        let folder = image.partition
        let elf = folder.appendingPathComponent("partition.elf").path
        let inspection = try await KernelInspection.load(elf: elf)
        let addresses = inspection.addresses
        let image = try [UInt8](Data(contentsOf: folder.appendingPathComponent("partition.bin")))
        return ProbeSymbols(addresses: addresses, image: image)
    }

    public func address(_ name: String, in elf: String = "partition.elf") throws -> UInt32 {
        guard let address = addresses[name] else { throw Missing(symbol: name, elf: elf) }
        return address
    }

    /// The built bytes of [start, end).
    public func code(from start: UInt32, to end: UInt32) -> [UInt8] {
        guard start <= end, Int(end) <= image.count else { return [] }
        return Array(image[Int(start)..<Int(end)])
    }
}
