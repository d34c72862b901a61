// Cluster states for golden transcripts that need objects no kubectl verb can make yet (`# fixture: NAME` on a
// transcript's first lines). `appendix-b` rebuilds the state the reference's Appendix B recordings were made in.
import MiniCluster
import Shell

public enum Fixtures {
    /// Applies a named fixture to the session's current cluster; unknown names do nothing.
    public static func apply(_ name: String, to session: ShellSession) {
        guard session.currentCluster != nil else { return }
        switch name {
        case "appendix-b":
            // Recorded objects stay as recorded, on a cluster without nodes: no controller reconciles them.
            let c = bare(session)
            c.controllers.enabled = false
            appendixB(c)
        case "test-kubelet": TestKubelet.install(on: session.currentCluster!)
        default: break
        }
    }

    /// Replaces the session's cluster with one of the same name, seed and time that has no nodes, no kube-system
    /// workloads and a stopped scheduler: hand-built states (the recordings') stay exactly as stored.
    @discardableResult
    public static func bare(_ session: ShellSession) -> Cluster {
        var o = session.currentCluster?.options ?? Cluster.Options()
        if let now = session.currentCluster?.now { o.start = now }
        o.nodesPerZone = 0
        o.systemWorkloads = false
        let c = Cluster(options: o)
        c.scheduler.isRunning = false
        session.addCluster(c, project: o.project, location: o.zones.first ?? "us-central1-a")
        return c
    }

    /// Stores an object as the controllers would leave it: created through the API (uid, defaults), then written
    /// with its status and a creation time `age` seconds before now.
    public static func put(_ c: Cluster, _ kind: String, _ obj: Value, age: Int64) {
        guard let t = c.registry.lookup(kind: kind) else { return }
        var input = obj
        input["status"] = nil
        let ns = obj.metadataNamespace
        let created = (try? c.api.create(t, input, namespace: ns)) ?? (try? c.api.get(t, namespace: ns, name: obj.metadataName))
        var full = obj
        full["apiVersion"] = .string(t.apiVersion)
        full["kind"] = .string(t.kind)
        if let created {
            for k in ["uid", "namespace", "generation"] { full[path: "metadata", k] = created[path: "metadata", k] ?? full[path: "metadata", k] }
        }
        if t.namespaced, full.metadataNamespace == nil { full[path: "metadata", "namespace"] = "default" }
        full[path: "metadata", "creationTimestamp"] = .string((c.now + Duration.seconds(-age)).rfc3339)
        c.store.put(t, full)
    }

    static func meta(_ name: String, _ ns: String? = "default", labels: [String: String] = [:], annotations: [String: String] = [:]) -> Value {
        var m: Value = ["name": .string(name)]
        if let ns { m["namespace"] = .string(ns) }
        if !labels.isEmpty { m["labels"] = Value(stringMap: labels) }
        if !annotations.isEmpty { m["annotations"] = Value(stringMap: annotations) }
        return m
    }

    static func ago(_ c: Cluster, _ s: Int64) -> Value { .string((c.now + Duration.seconds(-s)).rfc3339) }

    static let day: Int64 = 86_400
}
