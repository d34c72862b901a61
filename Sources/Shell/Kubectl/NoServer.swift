// What kubectl writes before "The connection to the server localhost:8080 was refused" when no kubeconfig names a
// server: client-go's discovery cache logs one klog error per attempt, and how many attempts depends on the verb
// (counted with kubectl 1.32 and KUBECONFIG=/dev/null).
import MiniCluster

enum NoServer {
    /// klog error lines per verb (the first word of its path); verbs not listed log none.
    static let discoveryErrors: [String: Int] = [
        "get": 5, "describe": 5, "delete": 5, "scale": 5, "expose": 5, "label": 5, "annotate": 5, "edit": 5,
        "autoscale": 5, "cluster-info": 5,
        "logs": 4, "exec": 4, "rollout": 4, "set": 4, "wait": 4, "port-forward": 4, "cordon": 4, "uncordon": 4,
        "drain": 4, "taint": 4, "attach": 4,
        "explain": 2,
        "run": 1, "api-resources": 1,
    ]

    static let line = #"memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \"http://localhost:8080/api?timeout=32s\": dial tcp 127.0.0.1:8080: connect: connection refused""#

    /// Writes the verb's klog lines, stamped with the session's virtual time as klog stamps them (`E1126 09:00:00.001532`).
    static func report(verb: [String], io: CommandIO, now: Timestamp) {
        guard let first = verb.first, let n = discoveryErrors[first], n > 0 else { return }
        let t = now.rfc3339 // 2026-11-26T09:00:00Z
        let chars = Array(t)
        guard chars.count >= 19 else { return }
        let day = String(chars[5...6]) + String(chars[8...9])
        let clock = String(chars[11...18])
        let pid = 20_000 + Int(now.ms / 1000 % 9_973)
        for i in 0..<n {
            let micros = (Int(now.ms % 1000) * 1000 + 1_532 + i * 1_611) % 1_000_000
            let frac = String(micros)
            io.errLine("E\(day) \(clock).\(String(repeating: "0", count: 6 - frac.count))\(frac)   \(pid) \(line)")
        }
    }
}
