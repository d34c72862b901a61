// The objects `kubectl run` generates: the Pod (kubectl's BasicPod generator) and, with --expose, its Service.
import Foundation
import MiniCluster

enum RunPod {
    static func restartPolicy(_ f: ParsedFlags) throws -> String {
        let r = f.string("restart")
        if r.isEmpty { return f.bool("stdin") ? "OnFailure" : "Always" }
        guard ["Always", "OnFailure", "Never"].contains(r) else { throw KubectlFailure.usage("invalid restart policy: \(r)") }
        return r
    }

    /// Docker's reference grammar (name, optional tag, optional digest), which kubectl checks before sending.
    static func isValidImageReference(_ s: String) -> Bool {
        let component = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
        let domain = "(?:\(component)(?:\\.\(component))*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?"
        let pathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
        let name = "(?:\(domain)/)?\(pathComponent)(?:/\(pathComponent))*"
        let tag = "[\\w][\\w.-]{0,127}"
        let digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"
        return s.range(of: "^\(name)(?::\(tag))?(?:@\(digest))?$", options: .regularExpression) != nil
    }

    /// `a=b,c=d` (kubectl's generate.ParseLabels).
    static func parseLabels(_ s: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for spec in s.split(separator: ",", omittingEmptySubsequences: false) {
            let kv = spec.split(separator: "=", omittingEmptySubsequences: false)
            guard kv.count == 2 else { throw KubectlFailure.plain("unexpected label spec: \(spec)") }
            if kv[0].isEmpty { throw KubectlFailure.plain("unexpected empty label key") }
            out[String(kv[0])] = String(kv[1])
        }
        return out
    }

    static func build(name: String, restart: String, _ f: ParsedFlags, _ k: KubectlContext) throws -> Value {
        let labelText = f.string("labels")
        let labels = labelText.isEmpty ? ["run": name] : try parseLabels(labelText)
        var annotations: [String: String] = [:]
        var invalid: [String] = []
        for a in f.strings("annotations") {
            if a.contains("="), !a.hasPrefix("=") {
                let p = a.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                annotations[String(p[0])] = String(p[1])
            } else { invalid.append(a) }
        }
        var env: [Value] = []
        for e in f.strings("env") {
            guard let eq = e.firstIndex(of: "="), eq != e.startIndex,
                  NameRules.envVarNameErrors(String(e[..<eq])).isEmpty else {
                throw KubectlFailure.plain("invalid env: \(e)")
            }
            env.append(["name": .string(String(e[..<eq])), "value": .string(String(e[e.index(after: eq)...]))])
        }
        if !invalid.isEmpty { throw KubectlFailure.plain("invalid annotations format: \(invalid.joined(separator: ", "))") }
        var ports: Value?
        let port = f.string("port")
        if !port.isEmpty {
            guard let p = Int(port) else { throw KubectlFailure.plain("strconv.Atoi: parsing \(GoFormat.q(port)): invalid syntax") }
            ports = [["containerPort": .int(Int(Int32(truncatingIfNeeded: p)))]]
        }
        let args = Array(f.args.dropFirst())
        let command = f.bool("command")
        let stdin = f.bool("stdin")
        let container = Build.container(
            name: name, image: f.string("image"), command: command ? args : [], args: command ? [] : args,
            ports: ports, env: Build.opt(!(env.isEmpty), .array(env)),
            imagePullPolicy: f.string("image-pull-policy").isEmpty ? nil : f.string("image-pull-policy"),
            securityContext: f.bool("privileged") ? ["privileged": true] : Value?.none,
            stdin: stdin, stdinOnce: stdin && !f.bool("leave-stdin-open"), tty: f.bool("tty"))
        let spec = Build.object([("containers", [container]), ("restartPolicy", .string(restart)), ("dnsPolicy", "ClusterFirst")])
        let meta = Build.meta(name: name, namespace: k.namespaceExplicit ? .string(k.namespace) : Value?.none,
                              labels: Value(stringMap: labels), annotations: Build.map(annotations))
        return Build.object(Build.head("Pod", "v1", meta) + [("spec", spec), ("status", .emptyObject)])
    }

    /// The ClusterIP Service `--expose` adds: same name, selecting the pod's labels, port → targetPort.
    static func service(name: String, _ f: ParsedFlags, _ k: KubectlContext) throws -> Value {
        let labelText = f.string("labels")
        let selector = labelText.isEmpty ? ["run": name] : try parseLabels(labelText)
        let port = Int(f.string("port")) ?? 0
        let ports: Value = [["protocol": "TCP", "port": .int(port), "targetPort": .int(port)]]
        let meta = Build.meta(name: name, namespace: k.namespaceExplicit ? .string(k.namespace) : Value?.none,
                              labels: Build.opt(!(labelText.isEmpty), Value(stringMap: selector)))
        return Build.object(Build.head("Service", "v1", meta)
                            + [("spec", ["ports": ports, "selector": Value(stringMap: selector)]), ("status", ["loadBalancer": .emptyObject])])
    }

    /// `--overrides` as a JSON merge patch (RFC 7386) on the generated pod.
    static func override(_ pod: Value, _ f: ParsedFlags) throws -> Value {
        let type = f.string("override-type")
        guard ["json", "merge", "strategic"].contains(type) else { throw KubectlFailure.plain("invalid override type: \(type)") }
        let patch: Value
        do { patch = try OverrideJSON.parse(f.string("overrides")) } catch {
            // The default merge type hands the text to json-patch's MergePatch, whose only word for JSON it
            // cannot read is ErrBadJSONPatch; the other types keep the parser's complaint.
            if type == "merge" { throw KubectlFailure.plain("Invalid JSON Patch") }
            throw KubectlFailure.plain("error: unable to parse \"\(f.string("overrides"))\": \(error)")
        }
        // kubectl decodes the patched JSON into a typed Pod, so string maps come back with sorted keys.
        var out = mergePatch(pod, patch)
        for path in [["metadata", "labels"], ["metadata", "annotations"], ["spec", "nodeSelector"]] {
            if let m = out[pathArray: path]?.objectValue {
                var sorted = Value.emptyObject
                for k in m.keys.sorted() { sorted[k] = m[k] }
                out[pathArray: path] = sorted
            }
        }
        return out
    }

    static func mergePatch(_ target: Value, _ patch: Value) -> Value {
        guard case .object(let p) = patch else { return patch }
        var out = target.isObject ? target : .emptyObject
        for (k, v) in p {
            if v.isNull { out[k] = nil } else { out[k] = mergePatch(out[k] ?? .null, v) }
        }
        return out
    }
}

/// Reads the JSON of `--overrides` (Foundation's parser; key order does not matter for a merge patch).
enum OverrideJSON {
    static func parse(_ text: String) throws -> Value {
        let any = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return convert(any)
    }

    private static func convert(_ a: Any) -> Value {
        switch a {
        case let d as [String: Any]:
            var v = Value.emptyObject
            for k in d.keys.sorted() { v[k] = convert(d[k]!) }
            return v
        case let arr as [Any]: return .array(arr.map(convert))
        case let s as String: return .string(s)
        case let n as NSNumber:
            if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
            if n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 9e15 { return .int(n.intValue) }
            return .double(n.doubleValue)
        default: return .null
        }
    }
}
