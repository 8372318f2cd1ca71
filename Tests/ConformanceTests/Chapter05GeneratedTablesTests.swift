// Chapter 5 shows the interfaces' tables from a generated file; this keeps the file equal to what
// Sources/Conformance generates, so the chapter can never print a number the data does not hold.
import Conformance
import Foundation
import Testing

@Suite("Chapter 5 — the comparison tables are the conformance data's")
struct Chapter05GeneratedTables {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file = root.appendingPathComponent("Chapters/05-real-hypervisors/generated/interfaces.md")

    // Mutant: an edited number in the chapter's copy, or a new interface not regenerated.
    @Test("generated/interfaces.md is exactly `pokdoc spec --comparison --format markdown`")
    func upToDate() throws {
        let shown = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(shown == HypercallInterfaces.chapterTablesMarkdown,
                "Chapter 5's tables are stale: run `swift run pokdoc spec --comparison --format markdown --output Chapters/05-real-hypervisors/generated/interfaces.md`")
    }

    @Test("the chapter includes the generated tables, and its prose quotes the values the data holds")
    func chapterQuotesTheData() throws {
        let chapter = try String(contentsOf: Self.file.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("chapter.md"), encoding: .utf8)
        #expect(chapter.contains("{{#include generated/interfaces.md}}"))
        let xen = try #require(HypercallInterfaces.named("xen")), kvm = try #require(HypercallInterfaces.named("kvm"))
        let palacios = try #require(HypercallInterfaces.named("palacios"))
        for value in [xen.missing.as32Bit, kvm.missing.as32Bit, palacios.missing.as32Bit] {
            #expect(chapter.contains("0x" + String(value, radix: 16, uppercase: true)), "the prose quotes 0x\(String(value, radix: 16, uppercase: true))")
        }
        #expect(chapter.contains("0x\(String(try #require(xen.entry.ring3FaultErrorCode), radix: 16))"), "the ring-3 #GP code")
        #expect(chapter.contains("(\(xen.missing.value))") && chapter.contains("(\(kvm.missing.value))"))
    }
}
