import Foundation

extension BareMetalBuild {
    /// One Runtime file (`.S` or `.c`, which include nothing) assembled for `defines`, cached by
    /// its bytes and flags, and taken from the reference's cache when the file is the reference's
    /// byte for byte. So a kernel stage whose Swift changed assembles nothing again, and a
    /// submission that changes `gate-entries.S` assembles that file alone (in its sandbox).
    func runtimeObject(_ name: String, defines: [String], partition: Bool, sandbox box: Sandbox?) async throws -> URL {
        let file = runtime(name)
        if let reference {
            let pristine = BareMetalBuild(course: reference, toolchain: toolchain)
            if let mine = FileManager.default.contents(atPath: file.path),
               mine == FileManager.default.contents(atPath: pristine.runtime(name).path) {
                return try await pristine.runtimeObject(name, defines: defines, partition: partition, sandbox: nil)
            }
        }
        let clang = try toolchain.path(of: .clang)
        let flags = clangFlags(defines: defines + (partition ? ["POK_PARTITION"] : []))
        var key = ContentHash()
        key.add(flags.joined(separator: " "))
        try key.add(file: file)
        let folder = try await stage("runtime-\(name)", key: key) { out in
            _ = try await runBuildTool(step: partition ? "assemble \(name) (partition)" : "assemble \(name)", clang,
                flags + ["-c", file.path, "-o", out.appendingPathComponent("object.o").path], sandbox: box)
        }
        return folder.appendingPathComponent("object.o")
    }
}
