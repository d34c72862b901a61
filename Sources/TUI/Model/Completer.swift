// Tab completion for the prompt: command names, kubectl verbs and sub-verbs, flags, resource types, and the
// names of objects in the live cluster. Pure: it reads the session, changes nothing.
import Foundation
import MiniCluster
import Shell

public enum Completer {
    /// Candidates for the word being typed, given the words before it.
    public static func candidates(previous: [String], current: String, session: ShellSession) -> [String] {
        guard let first = previous.first else {
            return Array(session.commands.keys).filter { $0.hasPrefix(current) }.sorted()
        }
        guard first == "kubectl" else { return files(current, session) }
        let args = Array(previous.dropFirst())
        var words: [String] = []
        var namespace = session.kubeconfig.namespace
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "-n" || a == "--namespace", i + 1 < args.count { namespace = args[i + 1]; i += 2; continue }
            if a.hasPrefix("--namespace=") { namespace = String(a.dropFirst(12)) }
            if !a.hasPrefix("-") { words.append(a) }
            i += 1
        }
        let verbs = Kubectl.verbs
        let verb = verbs.filter { $0.path.count <= words.count && Array(words.prefix($0.path.count)) == $0.path }
            .max { $0.path.count < $1.path.count }
        if current.hasPrefix("-") {
            let specs = (verb?.flags ?? []) + Kubectl.globalFlags
            return Array(Set(specs.filter { !$0.hidden }.map { "--" + $0.name })).filter { $0.hasPrefix(current) }.sorted()
        }
        if previous.last == "-n" || previous.last == "--namespace" {
            return names(of: "namespaces", namespace: nil, prefix: current, session: session)
        }
        // More words of a verb path (`rollout` → `status`, `create` → `deployment`).
        let next = Set(verbs.compactMap { v -> String? in
            guard v.path.count > words.count, Array(v.path.prefix(words.count)) == words else { return nil }
            return v.path[words.count]
        })
        if !next.isEmpty, verb == nil || verb!.path.count == words.count && next.contains(where: { $0.hasPrefix(current) }) {
            let c = next.filter { $0.hasPrefix(current) }.sorted()
            if !c.isEmpty || verb == nil { return c }
        }
        guard let verb, verb.path.count <= words.count else { return [] }
        let operands = Array(words.dropFirst(verb.path.count))
        let registry = session.currentCluster?.registry ?? ResourceRegistry()
        if let slash = current.firstIndex(of: "/") {
            let typed = String(current[..<slash])
            return names(of: typed, namespace: namespace, prefix: String(current[current.index(after: slash)...]), session: session)
                .map { typed + "/" + $0 }
        }
        if operands.isEmpty || operands.allSatisfy({ $0.contains("/") }) {
            var types = Set<String>()
            for t in registry.types where t.verbs.contains("list") { types.insert(t.plural); types.insert(t.singular); types.formUnion(t.shortNames) }
            return types.filter { $0.hasPrefix(current) }.sorted()
        }
        return names(of: operands[0], namespace: namespace, prefix: current, session: session)
    }

    /// Names of objects of a type (as typed: `po`, `deploy`, `pods`) in a namespace of the current cluster.
    static func names(of typed: String, namespace: String?, prefix: String, session: ShellSession) -> [String] {
        guard let cluster = session.currentCluster else { return [] }
        let first = typed.split(separator: ",").first.map(String.init) ?? typed
        guard let t = cluster.registry.lookup(first) else { return [] }
        return cluster.store.list(t, namespace: t.namespaced ? namespace : nil)
            .compactMap { $0["metadata"]?["name"]?.stringValue }.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Files of the workspace (for `cat`, `ls`, `kubectl apply -f`).
    static func files(_ current: String, _ session: ShellSession) -> [String] {
        let dirPart = current.contains("/") ? String(current[...current.lastIndex(of: "/")!]) : ""
        let dir = session.url(for: dirPart.isEmpty ? "." : dirPart)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.map { dirPart + $0 }.filter { $0.hasPrefix(current) && !$0.hasPrefix(dirPart + ".") }.sorted()
    }

    /// The longest prefix all candidates share.
    public static func commonPrefix(_ c: [String]) -> String {
        guard var p = c.first else { return "" }
        for s in c.dropFirst() { while !s.hasPrefix(p) { p.removeLast() } }
        return p
    }
}
