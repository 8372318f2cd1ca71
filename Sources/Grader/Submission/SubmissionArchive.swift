import Foundation
import PokdocKit
import ZIPFoundation

/// Unpacks a `.zip` or `.tar.gz` submission into a folder, entry by entry: only regular files
/// and folders at safe relative paths are written; absolute paths, `..`, links, devices and other
/// special entries are refused and listed. Total size and file count are bounded by
/// `SubmissionLimits` before (tar) or while (zip) anything is written.
struct SubmissionArchive {
    enum Kind: Equatable { case folder, zip, tarGzip }

    let limits: SubmissionLimits
    /// For `tar`: it reads the archive and writes only the destination folder.
    let sandbox: Sandbox

    /// What a submission path is, by its file type and name.
    static func kind(of submission: URL) throws -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: submission.path, isDirectory: &isDirectory) else {
            throw SubmissionError.notFound(submission.path)
        }
        if isDirectory.boolValue { return .folder }
        let name = submission.lastPathComponent.lowercased()
        if name.hasSuffix(".zip") { return .zip }
        if name.hasSuffix(".tar.gz") || name.hasSuffix(".tgz") { return .tarGzip }
        throw SubmissionError.unknownArchiveType(submission.path)
    }

    /// An entry name as safe path components, or why it is refused.
    static func safeComponents(_ name: String) -> Result<[String], Refusal> {
        if name.hasPrefix("/") { return .failure(Refusal("an absolute path")) }
        let components = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
        if components.contains("..") { return .failure(Refusal("'..' leads out of the archive")) }
        if components.isEmpty { return .failure(Refusal("an empty name")) }
        return .success(components)
    }

    struct Refusal: Error { let reason: String; init(_ reason: String) { self.reason = reason } }

    /// Unpacks `archive` into `destination` (created) and returns the refused entries.
    func extract(_ archive: URL, kind: Kind, into destination: URL) async throws -> [String] {
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        switch kind {
        case .folder: return []
        case .zip: return try extractZip(archive, into: destination)
        case .tarGzip: return try await extractTar(archive, into: destination)
        }
    }

    // MARK: zip

    private struct TooLarge: Error {}

    func extractZip(_ url: URL, into destination: URL) throws -> [String] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw SubmissionError.corruptArchive(url.path, reason: "no zip central directory (\(error))")
        }
        var refused: [String] = []
        var files = 0
        var total: UInt64 = 0
        for entry in archive {
            let components: [String]
            switch Self.safeComponents(entry.path) {
            case .failure(let refusal): refused.append("\(entry.path) (\(refusal.reason))"); continue
            case .success(let value): components = value
            }
            let target = components.reduce(destination) { $0.appendingPathComponent($1) }
            switch entry.type {
            case .symlink:
                refused.append("\(entry.path) (a symbolic link)")
                continue
            case .directory:
                do { try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true) } catch {
                    throw SubmissionError.corruptArchive(url.path, reason: "entry \(entry.path) clashes with another entry")
                }
                continue
            case .file:
                break
            }
            files += 1
            guard files <= limits.maxFiles else { throw SubmissionError.tooManyFiles(url.path, limit: limits.maxFiles) }
            // Headers can lie about sizes; the bytes are counted as they come out.
            guard total + entry.uncompressedSize <= limits.maxBytes else { throw SubmissionError.tooLarge(url.path, limit: limits.maxBytes) }
            let handle: FileHandle
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: target.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
                handle = try FileHandle(forWritingTo: target)
            } catch {
                throw SubmissionError.corruptArchive(url.path, reason: "entry \(entry.path) clashes with another entry")
            }
            defer { try? handle.close() }
            let limit = limits.maxBytes
            do {
                _ = try archive.extract(entry) { data in
                    total += UInt64(data.count)
                    guard total <= limit else { throw TooLarge() }
                    try handle.write(contentsOf: data)
                }
            } catch is TooLarge {
                throw SubmissionError.tooLarge(url.path, limit: limits.maxBytes)
            } catch {
                throw SubmissionError.corruptArchive(url.path, reason: "entry \(entry.path): \(error)")
            }
        }
        return refused
    }

    // MARK: tar.gz

    /// One line of `tar -tv`: the type letter, the size and the name.
    struct TarListing: Equatable {
        var type: Character
        var size: UInt64
        var name: String

        // `-rw-r--r-- 0/0 12 2024-01-01 00:00 name` (devices show `maj,min` for the size).
        static var pattern: Regex<(Substring, Substring, Substring, Substring)> { #/^(.)\S*\s+\S+\s+(\d+|\d+,\s*\d+)\s+\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)? (.*)$/# }

        init?(_ line: Substring) {
            guard let match = try? Self.pattern.wholeMatch(in: line), let type = match.1.first else { return nil }
            self.type = type
            self.size = UInt64(match.2) ?? 0
            var name = String(match.3)
            if type == "l", let arrow = name.range(of: " -> ", options: .backwards) { name = String(name[..<arrow.lowerBound]) }
            if type == "h", let link = name.range(of: " link to ", options: .backwards) { name = String(name[..<link.lowerBound]) }
            self.name = name
        }
    }

    /// Lists the archive with `tar -tv` (in the sandbox), checks every entry and the totals, then
    /// extracts only the safe regular files (`-T`), so nothing refused is ever written.
    func extractTar(_ url: URL, into destination: URL) async throws -> [String] {
        let tar = ["/usr/bin/tar", "/bin/tar"].first(where: FileManager.default.isExecutableFile(atPath:)) ?? "/bin/tar"
        let workFolder = destination.deletingLastPathComponent().appendingPathComponent(".tar-members-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workFolder) }
        let reader = sandbox.binding(readOnly: [url.standardizedFileURL], writable: [destination])
        let listing = try await reader.run("/usr/bin/env", ["LC_ALL=C", tar, "--numeric-owner", "--quoting-style=literal", "-tvzf", url.standardizedFileURL.path])
        guard listing.status == .exited(0) else {
            throw SubmissionError.corruptArchive(url.path, reason: Self.firstLines(listing.output))
        }
        var refused: [String] = []
        var members: [String] = []
        var total: UInt64 = 0
        // The listing shows names as stored (a leading `/` or `../` included); tar's own warnings
        // about them, mixed into the output, begin with its name.
        for line in listing.output.split(separator: "\n") where !line.hasPrefix(tar + ":") && !line.hasPrefix("tar:") {
            guard let entry = TarListing(line) else {
                throw SubmissionError.corruptArchive(url.path, reason: "unreadable entry in tar's listing: \(line)")
            }
            if case .failure(let refusal) = Self.safeComponents(entry.name) {
                refused.append("\(entry.name) (\(refusal.reason))")
                continue
            }
            switch entry.type {
            case "-": break
            case "d": continue
            case "l": refused.append("\(entry.name) (a symbolic link)"); continue
            case "h": refused.append("\(entry.name) (a hard link)"); continue
            case "c", "b": refused.append("\(entry.name) (a device)"); continue
            case "p": refused.append("\(entry.name) (a named pipe)"); continue
            default: refused.append("\(entry.name) (an entry of tar type '\(entry.type)')"); continue
            }
            members.append(entry.name)
            total += entry.size
            guard members.count <= limits.maxFiles else { throw SubmissionError.tooManyFiles(url.path, limit: limits.maxFiles) }
            guard total <= limits.maxBytes else { throw SubmissionError.tooLarge(url.path, limit: limits.maxBytes) }
        }
        guard !members.isEmpty else { return refused }
        let list = workFolder.appendingPathComponent("members")
        try (members.joined(separator: "\n") + "\n").write(to: list, atomically: true, encoding: .utf8)
        let writer = sandbox.binding(readOnly: [url.standardizedFileURL, list], writable: [destination])
        let extraction = try await writer.run(tar, ["--no-same-owner", "--no-same-permissions", "-xzf", url.standardizedFileURL.path,
                                                   "-C", destination.path, "--verbatim-files-from", "-T", list.path])
        guard extraction.status == .exited(0) else {
            throw SubmissionError.corruptArchive(url.path, reason: Self.firstLines(extraction.output))
        }
        return refused
    }

    static func firstLines(_ output: String) -> String {
        let lines = output.split(separator: "\n").prefix(3).joined(separator: "; ")
        return lines.isEmpty ? "tar failed without a message" : lines
    }
}
