// `kubectl get -o yaml|json|name|jsonpath|custom-columns|…`: what printGeneric hands to the object printers —
// the single object for `get TYPE NAME`, else a `List` of every object found.
import MiniCluster

enum GenericOutput {
    /// The output formats printGeneric accepts; anything else is kubectl's "unable to match a printer" error.
    static func isKnown(_ format: String) -> Bool {
        if ["json", "yaml", "name"].contains(format) { return true }
        let head = format.split(separator: "=", maxSplits: 1).first.map(String.init) ?? format
        return ["go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                "custom-columns", "custom-columns-file"].contains(head)
    }

    static func unknownFormat(_ format: String) -> KubectlFailure {
        .plain("unable to match a printer suitable for the output format \"\(format)\", allowed formats are: \(GetVerb.allowedFormats)")
    }

    /// The value printGeneric prints: the object itself when one name was asked for and found, else a List.
    static func value(_ result: FetchResult, singleItem: Bool) -> Value {
        let objects = result.allObjects
        if singleItem, objects.count == 1 { return objects[0] }
        return ["apiVersion": "v1", "items": .array(objects), "kind": "List", "metadata": ["resourceVersion": ""]]
    }

    static func print(_ result: FetchResult, format: String, singleItem: Bool, ignoreNotFound: Bool, flags: ParsedFlags,
                      io: CommandIO) throws {
        if singleItem, let e = result.errors.first, result.allObjects.isEmpty { throw KubectlFailure.api(e) }
        if ignoreNotFound, result.allObjects.isEmpty { return }
        guard isKnown(format) else { throw unknownFormat(format) }
        guard let out = try ObjectOutput.parse(flags: flags, tables: true) else { return }
        try out.print([value(result, singleItem: singleItem)], asList: false, io: io)
    }
}
