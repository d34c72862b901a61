// `kubectl edit`: writes the live objects as YAML (or JSON) under kubectl's comment header to a temp file,
// runs the editor, and patches what changed; invalid edits reopen the file with the errors on top.
import Foundation
import MiniCluster

struct EditVerb: KubectlVerb {
    let path = ["edit"]
    var flags: [FlagSpec] {
        ManifestReader.flags("Filename, directory, or URL to files to use to edit the resource") + [
            FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
            FlagSpec("output-patch", .bool, default: "false", usage: "Output the patch if the resource is edited."),
            FlagSpec("save-config", .bool, default: "false", usage: "If true, the configuration of current object will be saved in its annotation."),
            FlagSpec("validate", default: "strict", noOptDefault: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false)."),
            FlagSpec("windows-line-endings", .bool, default: "false", usage: "Defaults to the line ending native to your platform."),
            FlagSpec("field-manager", default: "kubectl-edit", usage: "Name of the manager used to track field ownership."),
            FlagSpec("subresource", usage: "If specified, edit will operate on the subresource of the requested object."),
            FlagSpec("selector", "l", usage: "Selector (label query) to filter on, supports '=', '==', and '!='."),
            FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
            FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file."),
            FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template."),
        ]
    }

    static let header = """
        # Please edit the object below. Lines beginning with a '#' will be ignored,
        # and an empty file will abort the edit. If an error occurs while saving this file will be
        # reopened with the relevant failures.
        #

        """

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let format = f.string("output").isEmpty ? "yaml" : f.string("output")
        guard format == "yaml" || format == "json" else {
            throw KubectlFailure.plain("the edit mode doesn't support output format \"\(format)\"")
        }
        let cluster = try k.cluster()
        let targets = try ResourceTargets.resolve(f.args, f, k, cluster: cluster, allowEmptySelector: true)
        var originals: [(ObjectTarget, Value)] = []
        for item in targets.items {
            switch item {
            case .failure(let e): throw e
            case .target(let t): originals.append((t, try ResourceTargets.live(t, cluster)))
            }
        }
        if originals.isEmpty { throw KubectlFailure.plain("edit cancelled, no objects found") }
        let session = EditSession(format: format, originals: originals, cluster: cluster, k: k,
                                  outputPatch: f.bool("output-patch"), saveConfig: f.bool("save-config"))
        return try session.run()
    }
}

/// One edit: the loop of writing the file, running the editor and submitting the changes.
final class EditSession {
    let format: String
    let originals: [(ObjectTarget, Value)]
    let cluster: Cluster
    let k: KubectlContext
    let outputPatch: Bool
    let saveConfig: Bool
    private var reasons: [(head: String, other: [String])] = []

    init(format: String, originals: [(ObjectTarget, Value)], cluster: Cluster, k: KubectlContext, outputPatch: Bool, saveConfig: Bool) {
        self.format = format; self.originals = originals; self.cluster = cluster; self.k = k
        self.outputPatch = outputPatch; self.saveConfig = saveConfig
    }

    /// What the editor shows: one object, or a v1 List of them.
    var document: Value {
        let objs = originals.map { strip($0.1) }
        if objs.count == 1 { return objs[0] }
        return ["apiVersion": "v1", "items": .array(objs), "kind": "List", "metadata": .emptyObject]
    }

    func strip(_ v: Value) -> Value {
        var o = v
        o.remove(path: ["metadata", "managedFields"])
        return o
    }

    func encode(_ v: Value) -> String { format == "json" ? JSONCodec.encode(v.sortedKeys) : YAMLCodec.encode(v) }

    func headerText() -> String {
        var s = EditVerb.header
        for r in reasons {
            s += "# \(hashOnLineBreak(r.head))\(r.other.isEmpty ? "" : ":")\n"
            for o in r.other { s += "# * \(hashOnLineBreak(o))\n" }
            s += "#\n"
        }
        return s
    }

    func run() throws -> Int32 {
        let original = encode(document)
        let file = tempFile()
        var edited = ""
        var containsError = false
        let launcher = k.session.editorLauncher
        var env = ProcessInfo.processInfo.environment
        for (key, v) in k.session.env { env[key] = v }
        while true {
            let body = containsError ? Self.manualStrip(edited) : original
            try (headerText() + body).write(to: file, atomically: true, encoding: .utf8)
            let previous = edited
            do { try launcher.edit(file: file, env: env) } catch let e as KubectlFailure {
                preserved(file)
                throw e
            }
            edited = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if containsError, Self.stripComments(previous) == Self.stripComments(edited) {
                preserved(file)
                throw KubectlFailure.plain("Edit cancelled, no valid changes were saved.")
            }
            if Self.stripComments(original) == Self.stripComments(edited) {
                try? FileManager.default.removeItem(at: file)
                k.io.errLine("Edit cancelled, no changes made.")
                return 0
            }
            if !edited.split(separator: "\n").contains(where: { l in
                let t = l.trimmingCharacters(in: .whitespaces)
                return !t.isEmpty && !t.hasPrefix("#")
            }) {
                try? FileManager.default.removeItem(at: file)
                k.io.errLine("Edit cancelled, saved file was empty.")
                return 0
            }
            reasons = []
            let objects: [Value]
            do {
                objects = try parse(edited)
            } catch let e as KubectlFailure {
                containsError = true
                if case .plain(let m) = e { reasons.append((head: "The edited file had a syntax error: \(m)", other: [])) }
                continue
            }
            containsError = false
            var invalid = 0, notFound = 0, retryable = 0
            for obj in objects {
                switch submit(obj) {
                case .ok: break
                case .invalid: invalid += 1
                case .notFound: notFound += 1
                case .retryable: retryable += 1
                case .failed(let e):
                    preserved(file)
                    throw e
                }
            }
            if retryable > 0 {
                k.io.errLine("You can run `kubectl replace -f \(file.path)` to try this update again.")
                return 1
            }
            if notFound > 0 {
                k.io.errLine("The edits you made on deleted resources have been saved to \"\(file.path)\"")
                return 1
            }
            if invalid == 0 {
                try? FileManager.default.removeItem(at: file)
                return 0
            }
            containsError = !reasons.isEmpty
        }
    }

    enum Outcome { case ok, invalid, notFound, retryable, failed(KubectlFailure) }

    /// Patches one edited object against the original with the same uid and prints the result.
    func submit(_ obj: Value) -> Outcome {
        guard let (t, old) = originals.first(where: { $0.1.uid == obj.uid }) else {
            return .failed(.plain("no original object found for \(obj.kind) \(obj.metadataName)"))
        }
        let before = strip(old)
        var after = obj
        if saveConfig { after = LastAppliedConfig.annotated(after) }
        do {
            if before.sortedKeys == after.sortedKeys {
                k.io.outLine("\(ResultPrinter.typeName(t.type))/\(t.name) skipped")
                return .ok
            }
            if before.apiVersion != after.apiVersion || before.kind != after.kind || before.metadataName != after.metadataName {
                return .failed(.plain("At least one of apiVersion, kind and name was changed"))
            }
            let patch = StrategicMergePatch.twoWay(original: before, modified: after, type: t.type)
            if outputPatch { k.io.outLine("Patch: \(JSONCodec.encodeCompact(patch.sortedKeys))") }
            if let e = Impersonation.denial(t.requester, cluster, verb: "patch", type: t.type, name: t.name, namespace: t.namespace) {
                throw e
            }
            _ = try cluster.api.patch(t.type, namespace: t.namespace, name: t.name, patch: patch, type: .strategic)
            k.io.outLine("\(ResultPrinter.typeName(t.type))/\(t.name) edited")
            return .ok
        } catch let e as APIError {
            let resource = t.type.qualifiedPlural
            switch e.reason {
            case .invalid:
                reasons.append((head: "\(resource) \"\(t.name)\" was not valid",
                                other: e.causes.map { "\($0.field): " + String($0.message.dropFirst($0.field.count + 2)) }))
                k.io.errLine("error: \(resource) \"\(t.name)\" is invalid")
                return .invalid
            case .notFound:
                k.io.errLine("error: \(resource) \"\(t.name)\" could not be found on the server")
                return .notFound
            default:
                k.io.errLine("error: \(resource) \"\(t.name)\" could not be patched: \(e.message)")
                return .retryable
            }
        } catch {
            return .failed(.plain("\(error)"))
        }
    }

    /// The objects in the edited text (a List is unpacked); syntax errors are worded as kubectl's builder does.
    func parse(_ text: String) throws -> [Value] {
        let values: [Value]
        do {
            if format == "json" { values = try JSONCodec.decodeAll(Self.manualStrip(text)) }
            else { values = try YAMLCodec.decodeAll(text) }
        } catch {
            throw KubectlFailure.plain("error parsing edited-file: \(error)")
        }
        var out: [Value] = []
        for v in values {
            if v.kind == "List", let items = v["items"]?.arrayValue { out += items } else { out.append(v) }
        }
        return out
    }

    func preserved(_ file: URL) {
        if FileManager.default.fileExists(atPath: file.path) {
            k.io.errLine("A copy of your changes has been stored to \"\(file.path)\"")
        }
    }

    func tempFile() -> URL {
        let dir = k.session.env["TMPDIR"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        var r = SeededRandom(seed: UInt64(cluster.store.revision) &+ 7)
        let digits = (0..<9).map { _ in String(r.next() % 10) }.joined()
        return dir.appendingPathComponent("kubectl-edit-\(digits).\(format)")
    }

    /// Adds `# ` after line breaks so a multi-line reason stays a comment.
    func hashOnLineBreak(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            if c == "\n", i + 1 < chars.count, chars[i + 1] != "#" { out += "\n# " } else { out.append(c) }
        }
        return out
    }

    /// The text without comment lines (kubectl's ManualStrip; `#!` lines stay).
    static func manualStrip(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return !(t.hasPrefix("#") && !t.hasPrefix("#!"))
        }.joined(separator: "\n")
    }

    /// What two versions are compared by: their parsed content when they parse, else the text without comments.
    static func stripComments(_ s: String) -> String {
        if let v = try? YAMLCodec.decodeAll(s) { return JSONCodec.encodeCompact(.array(v.map(\.sortedKeys))) }
        return manualStrip(s)
    }
}
