// Which pods a ReplicaSet deletes first when it has too many (controller.ActivePodsWithRanks, with the
// LogarithmicScaleDown rules of 1.32): unscheduled, pending, not ready, crowded nodes, recently ready,
// restarting and young pods go first.
import Foundation

enum PodDeletionRank {
    /// `pods` ordered most-deletable first. `relatedPods` gives the rank: how many of them share a pod's node.
    static func sorted(_ pods: [Value], now: Timestamp, relatedPods: [Value]) -> [Value] {
        var perNode: [String: Int] = [:]
        for p in relatedPods {
            if let n = p[path: "spec", "nodeName"]?.stringValue, !n.isEmpty { perNode[n, default: 0] += 1 }
        }
        let ranked = pods.map { p -> (Value, Int) in
            let node = p[path: "spec", "nodeName"]?.stringValue ?? ""
            return (p, node.isEmpty ? 0 : perNode[node] ?? 0)
        }
        return ranked.sorted { a, b in
            if let less = less(a.0, a.1, b.0, b.1, now: now) { return less }
            return a.0.metadataName < b.0.metadataName
        }.map(\.0)
    }

    private static let phaseOrder = ["Pending": 0, "Unknown": 1, "Running": 2]

    /// true when `a` goes before `b`, false when after, nil when the rules cannot tell them apart.
    static func less(_ a: Value, _ rankA: Int, _ b: Value, _ rankB: Int, now: Timestamp) -> Bool? {
        let na = a[path: "spec", "nodeName"]?.stringValue ?? "", nb = b[path: "spec", "nodeName"]?.stringValue ?? ""
        if na != nb, na.isEmpty || nb.isEmpty { return na.isEmpty }
        let pa = phaseOrder[a[path: "status", "phase"]?.stringValue ?? ""] ?? 0
        let pb = phaseOrder[b[path: "status", "phase"]?.stringValue ?? ""] ?? 0
        if pa != pb { return pa < pb }
        let ra = PodUtil.isReady(a), rb = PodUtil.isReady(b)
        if ra != rb { return !ra }
        if rankA != rankB { return rankA > rankB }
        if ra, rb, let ta = PodUtil.readySince(a), let tb = PodUtil.readySince(b), ta != tb {
            return newerFirst(ta, tb, a, b, now: now)
        }
        let ca = PodUtil.restarts(a), cb = PodUtil.restarts(b)
        if ca != cb { return ca > cb }
        if let ta = a.creationTimestamp, let tb = b.creationTimestamp, ta != tb {
            return newerFirst(ta, tb, a, b, now: now)
        }
        return nil
    }

    /// Compares ages on a log2 scale of nanoseconds; within one bucket the pod uid decides (pseudo-random).
    private static func newerFirst(_ ta: Timestamp, _ tb: Timestamp, _ a: Value, _ b: Value, now: Timestamp) -> Bool {
        func bucket(_ t: Timestamp) -> Int {
            let d = Double(now.ms - t.ms) * 1_000_000
            return d > 0 ? Int(log2(d)) : -1
        }
        let diff = bucket(ta) - bucket(tb)
        if diff == 0 { return a.uid < b.uid }
        return diff < 0
    }
}
