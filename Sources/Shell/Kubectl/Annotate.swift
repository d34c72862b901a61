// `kubectl annotate`: the label engine pointed at metadata.annotations (see Label.swift).
import MiniCluster

struct AnnotateVerb: KubectlVerb {
    let path = ["annotate"]
    var flags: [FlagSpec] { MetadataMapCommand.flags(manager: "kubectl-annotate") }
    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        try MetadataMapCommand(kind: .annotations).run(f, k)
    }
}
