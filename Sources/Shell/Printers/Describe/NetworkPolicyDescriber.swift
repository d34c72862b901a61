// `describe networkpolicy`: which pods it selects and, per direction, the peers and ports it allows.
import Foundation
import MiniCluster

enum NetworkPolicyDescriber {
    static func describe(_ np: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = np["spec"] ?? .null
        w.write(0, "Name:\t\(np.metadataName)\n")
        w.write(0, "Namespace:\t\(np.metadataNamespace ?? "")\n")
        // Go prints metav1.Time with %s: `2026-11-26 09:00:00 +0000 UTC`.
        w.write(0, "Created on:\t\(goTime(np.creationTimestamp))\n")
        w.labels("Labels", np.labels)
        w.annotations("Annotations", np.annotations)
        w.write(0, "Spec:\n")
        w.write(1, "PodSelector: ")
        let podSelector = spec["podSelector"]
        if podSelector?.dMap("matchLabels").isEmpty ?? true, podSelector?.dArr("matchExpressions").isEmpty ?? true {
            w.write(2, "<none> (Allowing the specific traffic to all pods in this namespace)\n")
        } else {
            w.write(2, "\(DescribeSelector.format(podSelector))\n")
        }
        let types = spec.dArr("policyTypes").map(\.dText)
        if types.contains("Ingress") {
            w.write(1, "Allowing ingress traffic:\n")
            rules(spec.dArr("ingress"), peersKey: "from", direction: "ingress", w)
        } else {
            w.write(1, "Not affecting ingress traffic\n")
        }
        if types.contains("Egress") {
            w.write(1, "Allowing egress traffic:\n")
            rules(spec.dArr("egress"), peersKey: "to", direction: "egress", w)
        } else {
            w.write(1, "Not affecting egress traffic\n")
        }
        w.write(1, "Policy Types: \(types.isEmpty ? "<none>" : types.joined(separator: ", "))\n")
        return w.text
    }

    private static func rules(_ rules: [Value], peersKey: String, direction: String, _ w: PrefixWriter) {
        let indent = "    "
        guard !rules.isEmpty else {
            w.write(0, "\(indent)<none> (Selected pods are isolated for \(direction) connectivity)\n")
            return
        }
        let peerTitle = peersKey == "from" ? "From" : "To"
        for (i, rule) in rules.enumerated() {
            let ports = rule.dArr("ports")
            if ports.isEmpty {
                w.write(0, "\(indent)To Port: <any> (traffic allowed to all ports)\n")
            }
            for p in ports {
                let proto = p.dStr("protocol").isEmpty ? "TCP" : p.dStr("protocol")
                if let end = p.dInt("endPort") {
                    w.write(0, "\(indent)To Port Range: \(port(p))-\(end)/\(proto)\n")
                } else {
                    w.write(0, "\(indent)To Port: \(port(p))/\(proto)\n")
                }
            }
            let peers = rule.dArr(peersKey)
            if peers.isEmpty {
                let what = peersKey == "from" ? "From: <any> (traffic not restricted by source)"
                                              : "To: <any> (traffic not restricted by destination)"
                w.write(0, "\(indent)\(what)\n")
            }
            for peer in peers {
                w.write(0, "\(indent)\(peerTitle):\n")
                let pod = peer["podSelector"], ns = peer["namespaceSelector"]
                let hasPod = pod.map { !$0.isNull } ?? false, hasNS = ns.map { !$0.isNull } ?? false
                if hasPod && hasNS {
                    w.write(1, "\(indent)NamespaceSelector: \(DescribeSelector.format(ns))\n")
                    w.write(1, "\(indent)PodSelector: \(DescribeSelector.format(pod))\n")
                } else if hasPod {
                    w.write(1, "\(indent)PodSelector: \(DescribeSelector.format(pod))\n")
                } else if hasNS {
                    w.write(1, "\(indent)NamespaceSelector: \(DescribeSelector.format(ns))\n")
                } else if let block = peer["ipBlock"], !block.isNull {
                    w.write(1, "\(indent)IPBlock:\n")
                    w.write(2, "\(indent)CIDR: \(block.dStr("cidr"))\n")
                    w.write(2, "\(indent)Except: \(block.dArr("except").map(\.dText).joined(separator: ", "))\n")
                }
            }
            if i != rules.count - 1 { w.write(0, "\(indent)----------\n") }
        }
    }

    /// The port as `%s` prints an *IntOrString; nil prints `<nil>`.
    private static func port(_ p: Value) -> String { p.dHas("port") ? p.dStr("port") : "<nil>" }

    /// Go's default time format (`2006-01-02 15:04:05 -0700 MST`) in UTC.
    static func goTime(_ t: Timestamp?) -> String {
        guard let t else { return "0001-01-01 00:00:00 +0000 UTC" }
        let s = t.rfc3339  // 2026-11-26T09:00:00Z
        return s.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " +0000 UTC")
    }
}
