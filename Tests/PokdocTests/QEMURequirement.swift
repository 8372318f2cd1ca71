import Foundation
import Testing
@testable import PokdocKit

/// Why a test cannot boot kernels with `toolchain`, with the command that installs QEMU; nil
/// when QEMU is there.
func qemuMissing(_ toolchain: Toolchain = .locate()) -> String? {
    toolchain.paths[.qemu] == nil ? "\(ToolNotFound(tool: .qemu)) — this test boots kernels under QEMU" : nil
}

/// A test that needs QEMU calls this first: a missing QEMU is a failure — never a skip — that
/// reads as the install command, not as a symptom of the kernel ("expected the #GP(0x152)
/// explanation, got []").
func requireQEMU(_ toolchain: Toolchain = .locate(), sourceLocation: SourceLocation = #_sourceLocation) throws {
    let missing = qemuMissing(toolchain)
    try #require(missing == nil, Comment(rawValue: missing ?? ""), sourceLocation: sourceLocation)
}
