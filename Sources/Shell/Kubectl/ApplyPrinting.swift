// Output shared by the verbs that change objects: `<type>/<name> <operation>[ (dry run)]`, `-o name|yaml|json`,
// and kubectl's way of reporting one error versus several (checkErr / MultipleErrors).
import MiniCluster

/// Prints each object a verb changed, in the format `-o` asked for.
final class ResultPrinter {
    static let allowedFormats = ["go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file",
                                 "name", "template", "templatefile", "yaml"]
    let format: String
    let dryRun: DryRunStrategy
    private var printed = 0

    /// Validates `-o` (kubectl's PrintFlags.ToPrinter message for unknown formats).
    init(_ f: ParsedFlags, dryRun: DryRunStrategy) throws {
        let o = f.string("output")
        let name = o.split(separator: "=", maxSplits: 1).first.map(String.init) ?? o
        if !o.isEmpty, !Self.allowedFormats.contains(name) {
            throw KubectlFailure.plain("unable to match a printer suitable for the output format \"\(o)\", allowed formats are: "
                                       + Self.allowedFormats.joined(separator: ","))
        }
        format = name
        self.dryRun = dryRun
    }

    /// Whether `-o` asked for the object itself rather than a one-line message.
    var printsObject: Bool { !format.isEmpty && format != "name" }

    /// `deployment.apps` / `pod`: the lower-case kind and group, as kubectl's name printer writes it.
    static func typeName(_ t: ResourceType) -> String {
        t.group.isEmpty ? t.kind.lowercased() : "\(t.kind.lowercased()).\(t.group)"
    }

    func print(_ obj: Value, type t: ResourceType, operation: String, _ k: KubectlContext) throws {
        printed += 1
        let name = "\(Self.typeName(t))/\(obj.metadataName)"
        switch format {
        case "":
            k.io.outLine("\(name) \(operation)\(dryRun.suffix)")
        case "name":
            k.io.outLine(name)
        case "yaml":
            if printed > 1 { k.io.outLine("---") }
            k.io.out(YAMLCodec.encode(obj))
        case "json":
            k.io.out(JSONCodec.encode(obj.sortedKeys))
        default:
            throw KubectlFailure.plain("output format \"\(format)\" is not supported here yet")
        }
    }
}

/// kubectl's final error report: one error as checkErr prints it, several as MultipleErrors does (each as
/// `messageForError`: API errors as `Error from server (Reason): …`, others bare, without `error: `).
enum KubectlErrors {
    static func report(_ errors: [KubectlFailure], _ k: KubectlContext) {
        if errors.count == 1 {
            Kubectl.report(errors[0], verb: k.verb, io: k.io)
            return
        }
        for e in errors {
            switch e {
            case .api(let a): k.io.errLine("Error from server (\(a.reason.rawValue)): \(a.message)")
            case .plain(let m), .flag(let m), .usage(let m):
                k.io.errLine(m.hasPrefix("error: ") ? String(m.dropFirst(7)) : m)
            case .raw(let s): k.io.err(s)
            }
        }
    }

    /// `error when creating "f.yaml": …` on an API error, as cmdutil.AddSourceToErr words it.
    static func withSource(_ verb: String, _ source: String, _ error: Error) -> KubectlFailure {
        if var a = error as? APIError {
            if !source.isEmpty { a.message = "error when \(verb) \"\(source)\": \(a.message)" }
            return .api(a)
        }
        if let f = error as? KubectlFailure { return f }
        return .plain(source.isEmpty ? "\(error)" : "error when \(verb) \"\(source)\": \(error)")
    }
}
