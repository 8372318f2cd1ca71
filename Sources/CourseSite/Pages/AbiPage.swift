import CCmarkGFM
import Conformance
import PokdocKit

/// Every ABI table of the course, generated from the conformance spec (Sources/Conformance) — the
/// same data `pokdoc spec`, the tests and the grader read, so the page cannot disagree with them.
struct AbiPage {
    var bodyHTML: String
    var sections: [PageSection]

    static let title = "ABI reference"

    init() {
        let intro = """
        # \(Self.title)

        Every table below is generated from the conformance spec (`Sources/Conformance`), the data the
        tests, `pokdoc spec` and `pokdoc grade` read. One section a profile: its gate, register roles,
        argument block, calls, `pok_ret_t` values and the rules the grader checks.

        """
        let comparison = """

        ## Hypercall interfaces compared

        POK's gate beside Xen's 32-bit PV `int $0x82`, KVM's VMCALL/VMMCALL and Palacios's registration
        map (the interfaces of `Sources/Conformance`, Chapter 5's comparison).

        """ + HypercallInterfaces.chapterTablesMarkdown
        let markdown = intro + Profiles.all.map(\.markdown).joined(separator: "\n\n") + "\n" + comparison
        let document = CommonMarkDocument(markdown: markdown)
        var slugger = HeadingSlugger()
        var anchors: [OpaquePointer: String] = [:]
        for node in document.nodes where node.type == CMARK_NODE_HEADING {
            anchors[node.pointer] = document.anchor(node, with: &slugger)
        }
        let sections = document.sections(anchors: anchors)
        bodyHTML = document.html
        self.sections = sections
    }
}
