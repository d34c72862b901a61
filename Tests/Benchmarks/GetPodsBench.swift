// `kubectl get pods -A` benchmark (see main.swift for the call).
import Foundation
import MiniCluster
import Shell

// `kubectl get pods -A` over 100 / 1,000 / 10,000 pods (target: 10,000 under 30 ms, resident memory under 150 MiB).
func residentMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * 4096 / 1_048_576
}

func benchGetPods(_ count: Int) {
    let cluster = Cluster()
    let session = ShellSession(cwd: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    session.addCluster(cluster, project: "bench", location: "us-central1-a")
    let podType = cluster.registry.lookup(kind: "Pod")!
    let nsType = cluster.registry.lookup(kind: "Namespace")!
    for n in 0..<10 { _ = try? cluster.api.create(nsType, ["metadata": ["name": .string("team-\(n)")]], namespace: nil) }
    for i in 0..<count {
        let pod: Value = ["metadata": ["name": .string("web-7c5ddbdf54-\(i)"), "labels": ["app": "web"]],
                          "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]], "nodeName": "node-1"]]
        _ = try? cluster.api.create(podType, pod, namespace: "team-\(i % 10)")
    }
    cluster.advance(by: .seconds(300))
    let output = Output()
    let ms = median(count >= 10_000 ? 11 : 21) {
        output.clear()
        session.runLine("kubectl get pods -A", output: output)
    }
    let lines = output.stdout.utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 }
    report("kubectl get pods -A, \(count) pods (\(lines) lines)", ms)
    guard count >= 10_000 else { return }
    // What a learner sees more often: one pod changed since the last get (its row is prepared again, the list is
    // new), and the first get after every pod changed (every row prepared again). The changes are not timed.
    var n = 0
    var changed: [Double] = []
    for _ in 0..<11 {
        n += 1
        _ = try? cluster.api.patch(podType, namespace: "team-\((n * 7) % 10)", name: "web-7c5ddbdf54-\(n * 7)",
                                   patch: ["metadata": ["labels": ["touched": .string("\(n)")]]], type: .merge)
        cluster.settle()  // a command settles the cluster after itself: the next get starts on a quiet cluster
        changed.append(median(1) { output.clear(); session.runLine("kubectl get pods -A", output: output) })
    }
    report("kubectl get pods -A, \(count) pods, one pod changed since the last get", changed.sorted()[changed.count / 2])
    var cold: [Double] = []
    for round in 0..<5 {
        for i in 0..<count {
            _ = try? cluster.api.patch(podType, namespace: "team-\(i % 10)", name: "web-7c5ddbdf54-\(i)",
                                       patch: ["metadata": ["labels": ["round": .string("r\(round)")]]], type: .merge)
        }
        cluster.settle()
        cold.append(median(1) { output.clear(); session.runLine("kubectl get pods -A", output: output) })
    }
    report("kubectl get pods -A, \(count) pods, all changed since the last get", cold.sorted()[cold.count / 2])
    if count >= 10_000 { print(String(format: "%-60@ %9.1f MiB", "resident memory with \(count) pods" as NSString, residentMiB())) }
}
