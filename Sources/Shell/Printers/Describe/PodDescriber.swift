// `kubectl describe pod` (describePod): identity, placement, status, containers, conditions, volumes, QoS.
import MiniCluster

enum PodDescriber {
    static func describe(_ pod: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        let spec = pod["spec"] ?? .null, status = pod["status"] ?? .null
        w.write(0, "Name:\t\(pod.metadataName)\n")
        w.write(0, "Namespace:\t\(pod.metadataNamespace ?? "")\n")
        if let p = spec.dInt("priority") { w.write(0, "Priority:\t\(p)\n") }
        if !spec.dStr("priorityClassName").isEmpty { w.write(0, "Priority Class Name:\t\(spec.dStr("priorityClassName"))\n") }
        if !spec.dStr("runtimeClassName").isEmpty { w.write(0, "Runtime Class Name:\t\(spec.dStr("runtimeClassName"))\n") }
        if !spec.dStr("serviceAccountName").isEmpty { w.write(0, "Service Account:\t\(spec.dStr("serviceAccountName"))\n") }
        let node = spec.dStr("nodeName")
        w.write(0, node.isEmpty ? "Node:\t<none>\n" : "Node:\t\(node)/\(status.dStr("hostIP"))\n")
        if let start = status.dTime("startTime") { w.write(0, "Start Time:\t\(DescribeFormat.time(start))\n") }
        w.labels("Labels", pod.labels)
        w.annotations("Annotations", pod.annotations)
        let phase = status.dStr("phase")
        if let deleted = pod.deletionTimestamp, phase != "Failed", phase != "Succeeded" {
            w.write(0, "Status:\tTerminating (lasts \(ctx.since(deleted)))\n")
            w.write(0, "Termination Grace Period:\t\(pod.dInt("metadata", "deletionGracePeriodSeconds") ?? 0)s\n")
        } else {
            w.write(0, "Status:\t\(phase)\n")
        }
        if !status.dStr("reason").isEmpty { w.write(0, "Reason:\t\(status.dStr("reason"))\n") }
        if !status.dStr("message").isEmpty { w.write(0, "Message:\t\(status.dStr("message"))\n") }
        if spec.dHas("securityContext", "seccompProfile") {
            let type = spec.dStr("securityContext", "seccompProfile", "type")
            w.write(0, "SeccompProfile:\t\(type)\n")
            if type == "Localhost" {
                w.write(0, "LocalhostProfile:\t\(spec.dStr("securityContext", "seccompProfile", "localhostProfile"))\n")
            }
        }
        w.write(0, "IP:\t\(status.dStr("podIP"))\n")
        let ips = status.dArr("podIPs")
        if ips.isEmpty {
            w.write(0, "IPs:\t<none>\n")
        } else {
            w.write(0, "IPs:\n")
            for ip in ips { w.write(1, "IP:\t\(ip.dStr("ip"))\n") }
        }
        if let c = pod.dController { w.write(0, "Controlled By:\t\(c.dStr("kind"))/\(c.dStr("name"))\n") }
        if !status.dStr("nominatedNodeName").isEmpty { w.write(0, "NominatedNodeName:\t\(status.dStr("nominatedNodeName"))\n") }
        if let r = spec["resources"], !r.isNull {
            w.write(0, "Resources:\n")
            ContainersSection.resources(r, w, level: 1)
        }
        if !spec.dArr("initContainers").isEmpty {
            ContainersSection.write("Init Containers", spec.dArr("initContainers"), statuses: status.dArr("initContainerStatuses"),
                                    pod: pod, w)
        }
        ContainersSection.write("Containers", spec.dArr("containers"), statuses: status.dArr("containerStatuses"), pod: pod, w)
        if !spec.dArr("ephemeralContainers").isEmpty {
            ContainersSection.write("Ephemeral Containers", spec.dArr("ephemeralContainers"),
                                    statuses: status.dArr("ephemeralContainerStatuses"), pod: pod, w)
        }
        let conditions = status.dArr("conditions")
        let gates = spec.dArr("readinessGates")
        if !gates.isEmpty {
            w.write(0, "Readiness Gates:\n  Type\tStatus\n")
            for g in gates {
                let type = g.dStr("conditionType")
                let s = conditions.first { $0.dStr("type") == type }?.dStr("status") ?? "<none>"
                w.write(1, "\(type) \t\(s) \n")
            }
        }
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\n")
            for c in conditions { w.write(1, "\(c.dStr("type")) \t\(c.dStr("status")) \n") }
        }
        VolumesSection.write(spec.dArr("volumes"), w)
        w.write(0, "QoS Class:\t\(status.dStr("qosClass").isEmpty ? qosClass(spec) : status.dStr("qosClass"))\n")
        w.labels("Node-Selectors", spec.dMap("nodeSelector"))
        w.tolerations("Tolerations", spec.dArr("tolerations"))
        topologySpread(spec.dArr("topologySpreadConstraints"), w)
        if ctx.showEvents {
            // kubectl drops the kind from the pod's reference; a mirror pod's events carry its config's uid.
            let uid = pod.annotations["kubernetes.io/config.mirror"] ?? pod.uid
            EventsSection.write(EventsSection.find(for: pod, in: ctx, matchKind: false, uid: uid), w, ctx)
        }
        return w.text
    }

    /// `Topology Spread Constraints:` sorted by topology key.
    static func topologySpread(_ list: [Value], _ w: PrefixWriter, space: String = "") {
        guard !list.isEmpty else { return }
        w.write(0, "\(space)Topology Spread Constraints:\t")
        for (i, t) in list.sorted(by: { $0.dStr("topologyKey") < $1.dStr("topologyKey") }).enumerated() {
            if i != 0 { w.write(0, space); w.write(0, "\t") }
            var s = "\(t.dStr("topologyKey")):\(t.dStr("whenUnsatisfiable")) when max skew \(t.dInt("maxSkew") ?? 0) is exceeded"
            if let sel = t["labelSelector"], !sel.isNull { s += " for selector \(DescribeSelector.format(sel))" }
            w.write(0, s + "\n")
        }
    }

    /// The pod's QoS class computed from requests and limits (qos.ComputePodQOS).
    static func qosClass(_ spec: Value) -> String {
        var requests: [String: Int64] = [:], limits: [String: Int64] = [:]
        var guaranteed = true
        func add(_ list: Value?, into: inout [String: Int64]) {
            for (name, q) in list?.objectValue ?? [:] where name == "cpu" || name == "memory" {
                let m = DescribeQuantity.milli(q)
                if m > 0 { into[name, default: 0] += m }
            }
        }
        func fullLimits(_ list: Value?) -> Bool {
            ["cpu", "memory"].allSatisfy { DescribeQuantity.milli(list?[$0]) > 0 }
        }
        if let r = spec["resources"], !r.isNull {
            add(r["requests"], into: &requests)
            if let l = r["limits"], !l.isNull {
                add(l, into: &limits)
                if !fullLimits(l) { guaranteed = false }
            }
        } else {
            for c in spec.dArr("containers") + spec.dArr("initContainers") {
                add(c[path: "resources", "requests"], into: &requests)
                add(c[path: "resources", "limits"], into: &limits)
                if !fullLimits(c[path: "resources", "limits"]) { guaranteed = false }
            }
        }
        if requests.isEmpty && limits.isEmpty { return "BestEffort" }
        if guaranteed, requests.allSatisfy({ limits[$0.key] == $0.value }), requests.count == limits.count { return "Guaranteed" }
        return "Burstable"
    }
}
