import ArgumentParser
import Conformance
import Foundation

/// `pokdoc spec`: the conformance profiles (Sources/Conformance) as JSON or Markdown.
/// The JSON schema is docs/conformance-spec.md.
struct Spec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Export the ABI spec (the conformance profiles) as JSON or Markdown.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @Option(name: .long, help: "One profile (\(UnknownProfile(name: "").validNames.joined(separator: ", "))); default: all, and every hypercall interface.")
    var profile: String?

    @Option(name: .long, help: "json or markdown.")
    var format: Format

    @Flag(name: .long, help: "Chapter 5's tables instead: the hypercall interfaces compared, and Xen's, KVM's and Palacios's numbers (Markdown only).")
    var comparison = false

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if comparison {
            guard profile == nil, format == .markdown else { throw ValidationError("--comparison takes --format markdown and no --profile") }
        }
        if let profile, HypercallInterfaces.named(profile) == nil || profile == "pok" {
            do { _ = try Profiles.named(profile) } catch { throw ValidationError("--profile: \(error)") }
        }
    }

    func run() throws {
        if comparison {
            return try write(HypercallInterfaces.chapterTablesMarkdown)
        }
        // A name is a profile (the grader's ABIs) or a hypercall interface (Chapter 5's comparison).
        let interface = profile.flatMap { $0 == "pok" ? nil : HypercallInterfaces.named($0) }
        let profiles = interface != nil ? [] : try profile.map { [try Profiles.named($0)] } ?? Profiles.all
        let interfaces = interface.map { [$0] } ?? (profile == nil ? HypercallInterfaces.all : [])
        let text: String
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(SpecDocument(profiles: profiles, interfaces: interfaces)), as: UTF8.self) + "\n"
        case .markdown:
            var parts = profiles.map(\.markdown)
            if let interface { parts.append(interface.markdown) }
            if profile == nil {
                parts.append("## Hypercall interfaces compared\n\n" + HypercallInterfaces.comparisonMarkdown())
            }
            text = parts.joined(separator: "\n")
        }
        try write(text)
    }

    func write(_ text: String) throws {
        guard let output else { return print(text, terminator: "") }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw SpecOutputError(path: output, reason: error.localizedDescription)
        }
    }
}

/// `--output` named a file pokdoc cannot write; nothing was written.
struct SpecOutputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "--output \(path): cannot write it (\(reason))" }
}
