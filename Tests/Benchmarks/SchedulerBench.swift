// Scheduling benchmark (see main.swift): 10,000 pods of one ReplicaSet placed on 100 e2-standard-4 nodes.
import Foundation
import MiniCluster

func benchScheduler(pods count: Int = benchSize("KUBETUTOR_BENCH_SCHEDULE_PODS", 10_000),
                    nodes: Int = benchSize("KUBETUTOR_BENCH_NODES", 100)) {
    var o = Cluster.Options()
    o.makeRegional()
    o.nodesPerZone = (nodes + 2) / 3
    o.machineType = "e2-standard-4"
    let cluster = Cluster(options: o)
    let podType = cluster.registry.lookup(kind: "Pod")!
    let template: Value = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "nginx", "image": "nginx"]]]]
    guard let rs = try? cluster.api.create(cluster.registry.lookup(kind: "ReplicaSet")!, [
        // As many replicas as pods made below: with 0 the ReplicaSet controller, which owns them, deleted 1,000 of
        // them (two bursts of 500) before they were scheduled, so only 9,000 were ever bound.
        "metadata": ["name": "web-7c5ddbdf54"], "spec": ["replicas": .int(count), "selector": ["matchLabels": ["app": "web"]], "template": template],
    ], namespace: "default") else { return }
    let owner: Value = ["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7c5ddbdf54", "uid": .string(rs.uid), "controller": true]
    let t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<count {
        let pod: Value = ["metadata": ["name": .string("web-7c5ddbdf54-\(i)"), "labels": ["app": "web"], "ownerReferences": [owner]],
                          "spec": ["containers": [["name": "nginx", "image": "nginx", "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]]]]
        _ = try? cluster.api.create(podType, pod, namespace: "default")
    }
    let t1 = DispatchTime.now().uptimeNanoseconds
    cluster.settle()
    let t2 = DispatchTime.now().uptimeNanoseconds
    let bound = cluster.api.list(podType, namespace: "default").filter { $0[path: "spec", "nodeName"] != nil }.count
    report("create \(count) pods", Double(t1 - t0) / 1e6)
    report("schedule \(count) pods on \(cluster.nodeNames.count) nodes (\(bound) bound)", Double(t2 - t1) / 1e6)
}
