// `kubectl cluster-info`: the control plane's address and the kube-system services labelled
// kubernetes.io/cluster-service=true, with the ANSI colours kubectl prints (none when TERM=dumb).
import MiniCluster

struct ClusterInfoVerb: KubectlVerb {
    let path = ["cluster-info"]
    let flags: [FlagSpec] = []

    static let footer = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        let config = k.session.kubeconfig
        // cluster-info builds its client from the merged kubeconfig, which names a missing --context, --cluster
        // or --user before any request (other verbs word a missing context differently: see KubectlContext).
        let contextName = f.string("context"), clusterName = f.string("cluster"), userName = f.string("user")
        if !contextName.isEmpty, config.contexts[contextName] == nil { throw KubectlFailure.plain("context \"\(contextName)\" does not exist") }
        if !clusterName.isEmpty, config.clusters[clusterName] == nil { throw KubectlFailure.plain("cluster \"\(clusterName)\" does not exist") }
        if !userName.isEmpty, config.users[userName] == nil { throw KubectlFailure.plain("auth info \"\(userName)\" does not exist") }
        var entry = (contextName.isEmpty ? config.currentContext : contextName).flatMap { config.contexts[$0]?.cluster }
        if !clusterName.isEmpty { entry = clusterName }
        guard let entry, let cluster = k.session.clusters[entry], let host = config.clusters[entry]?.server else {
            k.io.out(Self.footer)
            _ = try k.cluster()
            return 1
        }
        let plain = k.session.env["TERM"] == "dumb"
        func line(_ name: String, _ link: String) {
            if plain {
                k.io.outLine("\(name) is running at \(link)")
            } else {
                k.io.outLine("\u{1B}[0;32m\(name)\u{1B}[0m is running at \u{1B}[0;33m\(link)\u{1B}[0m")
            }
        }
        let namespace = f.isSet("namespace") ? f.string("namespace") : "kube-system"
        var services: [Value] = []
        if let svc = cluster.registry.lookup(kind: "Service") {
            services = try cluster.api.list(svc, namespace: namespace, labelSelector: "kubernetes.io/cluster-service=true",
                                            fieldSelector: nil)
        }
        line("Kubernetes control plane", host)
        for s in services {
            let name = s[path: "metadata", "name"]?.stringValue ?? ""
            let ns = s[path: "metadata", "namespace"]?.stringValue ?? namespace
            var link = ""
            if let ingress = s[path: "status", "loadBalancer", "ingress"]?.arrayValue?.first {
                let ip = ingress["ip"]?.stringValue ?? ingress["hostname"]?.stringValue ?? ""
                for p in s[path: "spec", "ports"]?.arrayValue ?? [] { link += "http://\(ip):\(p["port"]?.intValue ?? 0) " }
            } else {
                var target = name
                if let port = s[path: "spec", "ports"]?.arrayValue?.first {
                    let portName = port["name"]?.stringValue ?? ""
                    // kubectl guesses https from the port's name or number.
                    let scheme = portName == "https" || port["port"]?.intValue == 443 ? "https" : ""
                    if !scheme.isEmpty { target = "\(scheme):\(name):\(portName)" } else if !portName.isEmpty { target = "\(name):\(portName)" }
                }
                link = "\(host)/api/v1/namespaces/\(ns)/services/\(target)/proxy"
            }
            line(s.labels["kubernetes.io/name"] ?? name, link)
        }
        k.io.out(Self.footer)
        return 0
    }
}
