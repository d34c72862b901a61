// Output shared by the verbs that change objects: `<type>/<name> <operation>[ (dry run)]`, `-o name|yaml|json`,
// and kubectl's way of reporting one error versus several (checkErr / MultipleErrors).
import MiniCluster

/// Prints each object a verb changed: `<type>/<name> <operation>`, `-o name`, or the shared ObjectOutput.
final class ResultPrinter {
    let output: ObjectOutput?
    let dryRun: DryRunStrategy
    private var printed = 0

    /// Validates `-o` as kubectl's PrintFlags do (object formats only, no tables).
    init(_ f: ParsedFlags, dryRun: DryRunStrategy, session: ShellSession? = nil) throws {
        let allowMissing = f.specs["allow-missing-template-keys"] == nil || f.bool("allow-missing-template-keys")
        var spec = f.string("output")
        if let template = f.values["template"]?.last, !spec.isEmpty, !spec.contains("=") { spec += "=" + template }
        output = try ObjectOutput.parse(spec, tables: false, allowMissingKeys: allowMissing, session: session)
        self.dryRun = dryRun
    }

    /// `deployment.apps` / `pod`: the lower-case kind and group, as kubectl's name printer writes it.
    static func typeName(_ t: ResourceType) -> String {
        t.group.isEmpty ? t.kind.lowercased() : "\(t.kind.lowercased()).\(t.group)"
    }

    func print(_ obj: Value, type t: ResourceType, operation: String, _ k: KubectlContext) throws {
        printed += 1
        guard let output else {
            k.io.outLine("\(Self.typeName(t))/\(obj.metadataName) \(operation)\(dryRun.suffix)")
            return
        }
        if case .name = output.format {
            k.io.outLine("\(Self.typeName(t))/\(obj.metadataName)")
            return
        }
        if printed > 1, case .yaml = output.format { k.io.out("---\n") }
        var shown = obj
        shown.remove(path: ["metadata", "managedFields"])
        k.io.out(try output.render(shown))
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
