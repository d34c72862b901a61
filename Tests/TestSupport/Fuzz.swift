// Random but repeatable inputs for robustness tests: mutated manifests and command lines.
import Foundation
import MiniCluster

public enum Fuzz {
    /// Text-level damage a hurried learner could do to a YAML file.
    public static func mutateText(_ text: String, using rng: inout SeededRandom) -> String {
        var chars = Array(text)
        let junk = Array(":{}[]-\"' \t\n#&*!|>,%@`\\")
        let edits = 1 + Int(rng.next() % 3)
        for _ in 0..<edits where !chars.isEmpty {
            let i = Int(rng.next() % UInt64(chars.count))
            switch rng.next() % 6 {
            case 0: chars.remove(at: i)
            case 1: chars.insert(junk[Int(rng.next() % UInt64(junk.count))], at: i)
            case 2: chars = Array(chars[..<i])  // truncated file
            case 3:  // break indentation of one line
                if let nl = chars[i...].firstIndex(of: "\n") { chars.insert(contentsOf: "   ", at: nl + 1) }
            case 4:  // duplicate a line
                let start = chars[..<i].lastIndex(of: "\n").map { $0 + 1 } ?? 0
                let end = chars[i...].firstIndex(of: "\n") ?? chars.count
                chars.insert(contentsOf: Array(chars[start..<end]) + ["\n"], at: start)
            default:  // a tab where YAML forbids one
                chars.insert("\t", at: i)
            }
        }
        return String(chars)
    }

    /// Tree-level damage: wrong types, missing and renamed keys, odd values. Keeps the YAML well-formed.
    public static func mutateTree(_ v: Value, using rng: inout SeededRandom) -> Value {
        var paths: [[String]] = []
        func walk(_ v: Value, _ p: [String]) {
            guard case .object(let o) = v else { return }
            for (k, child) in o { paths.append(p + [k]); walk(child, p + [k]) }
        }
        walk(v, [])
        guard !paths.isEmpty else { return v }
        var out = v
        let p = paths[Int(rng.next() % UInt64(paths.count))]
        let oddValues: [Value] = ["", "Bad_Name!", -1, 0, 99_999_999, 1.5, true, .null, [], [:], ["x"], "1Gi", "500m",
                                  "app=web", .string(String(repeating: "a", count: 300))]
        switch rng.next() % 4 {
        case 0: out[pathArray: p] = nil
        case 1: out[pathArray: p] = oddValues[Int(rng.next() % UInt64(oddValues.count))]
        case 2:  // rename the key (a typo)
            let old = out[pathArray: p]
            out[pathArray: p] = nil
            out[pathArray: Array(p.dropLast()) + [p.last! + "x"]] = old
        default: out[pathArray: p] = .array([out[pathArray: p] ?? .null])
        }
        return out
    }

    static let words = [
        "kubectl", "get", "describe", "create", "apply", "delete", "label", "annotate", "patch", "replace", "explain",
        "run", "version", "api-resources", "api-versions", "config", "view", "current-context", "get-contexts",
        "cluster-info", "deployment", "deploy", "pods", "po", "svc", "service", "clusterip", "nodeport", "configmap",
        "cm", "secret", "generic", "ns", "namespace", "job", "cronjob", "all", "nodes", "events", "web", "db", "web/x",
        "pod/web", "-n", "dev", "kube-system", "-A", "-o", "yaml", "json", "wide", "name", "jsonpath={.items[*].metadata.name}",
        "jsonpath={", "custom-columns=N:.metadata.name", "-l", "app=web", "app in (a,b)", "app!=", "--all",
        "--dry-run=client", "--dry-run=server", "--dry-run", "--image=nginx", "--image", "--replicas=3", "--replicas=-1",
        "--replicas=abc", "--tcp=80:8080", "--from-literal=a=b", "--schedule=*/1 * * * *", "-f", "-", "nope.yaml",
        "--bogus", "-x", "--", "=", "''", "\"", "app=", "--overwrite", "-p", "{\"spec\":{\"replicas\":2}}", "{bad",
        "--type=json", "--type=merge", "--show-labels", "-L", "app", "--no-headers", "--sort-by=.metadata.name",
        "--field-selector=status.phase=Running", "--field-selector=foo=bar", "echo", "hi", "|", "grep", "head", "-n1",
        "&&", "||", ";", "ls", "pwd", "sleep", "5s", "cat", "$HOME", "'a b'", ">", "out.txt", "2>&1",
    ]

    /// A random command line assembled from kubectl-ish words.
    public static func commandLine(using rng: inout SeededRandom) -> String {
        let n = 1 + Int(rng.next() % 8)
        var parts = ["kubectl"]
        if rng.next() % 5 == 0 { parts = [] }
        for _ in 0..<n { parts.append(words[Int(rng.next() % UInt64(words.count))]) }
        return parts.joined(separator: " ")
    }
}
