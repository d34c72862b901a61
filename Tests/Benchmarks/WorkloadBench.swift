// Workload benchmarks (issue 3): a Deployment of 10,000 replicas converging to all Running on ~100 nodes, and
// 24 virtual hours of a 50-pod cluster whose pods run liveness and readiness probes. Both run the whole engine:
// controllers, scheduler, kubelets, image pulls, probes, in virtual time.
import Foundation
import MiniCluster

private func deployment(_ name: String, replicas: Int, probes: Bool) -> Value {
    var container: Value = ["name": "web", "image": "nginx:1.25",
                            "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]
    if probes {
        container["livenessProbe"] = ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10]
        container["readinessProbe"] = ["httpGet": ["path": "/", "port": 80], "periodSeconds": 5]
    }
    return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name)],
            "spec": ["replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                     "template": ["metadata": ["labels": ["app": .string(name)]], "spec": ["containers": [container]]]]]
}

/// A size from the environment (`KUBETUTOR_BENCH_REPLICAS=1000 kubetutor-bench deployment`), for profiling at
/// reduced sizes; the default otherwise.
func benchSize(_ name: String, _ fallback: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
}

/// How many runs a median takes (`KUBETUTOR_BENCH_RUNS=1` when profiling).
func benchRuns(_ fallback: Int = 3) -> Int { benchSize("KUBETUTOR_BENCH_RUNS", fallback) }

private func runningPods(_ cluster: Cluster) -> Int {
    let podType = cluster.registry.lookup(kind: "Pod")!
    return cluster.api.list(podType, namespace: "default").filter { $0[path: "status", "phase"]?.stringValue == "Running" }.count
}

/// Whether the Deployment reports every replica updated and ready (what `kubectl rollout status` waits for): one
/// read per step, where counting Running pods read all 10,000 of them every virtual second.
private func rolledOut(_ cluster: Cluster, _ type: ResourceType, replicas: Int) -> Bool {
    guard let d = try? cluster.api.get(type, namespace: "default", name: "web"), let status = d["status"] else { return false }
    return status["updatedReplicas"]?.intValue == replicas && status["readyReplicas"]?.intValue == replicas
}

/// Times a Deployment converging: from its creation until it reports every replica updated and ready, advancing
/// virtual time in 1 s steps (at most 10 minutes). The cluster it lands on (nodes, system pods) is made before the
/// clock starts, and the Running pods are counted after it stops.
func benchDeploymentConverges(replicas: Int = benchSize("KUBETUTOR_BENCH_REPLICAS", 10_000),
                              nodes: Int = benchSize("KUBETUTOR_BENCH_NODES", 100)) {
    var virtualSeconds = 0
    // The target is converging, not tearing down: each run's cluster is kept until all runs are timed, so that
    // releasing 10,000 pods (about a tenth of the time) is not counted in the next run's or this run's time.
    var converged: [Cluster] = []
    let ms = median(benchRuns(), setup: { () -> Cluster in
        var o = Cluster.Options()
        o.makeRegional()
        o.nodesPerZone = (nodes + 2) / 3
        o.machineType = "e2-standard-4"
        return Cluster(options: o)
    }) { cluster in
        let deployType = cluster.registry.lookup(kind: "Deployment")!
        _ = try? cluster.api.create(deployType, deployment("web", replicas: replicas, probes: false), namespace: "default")
        cluster.settle()
        virtualSeconds = 0
        while !rolledOut(cluster, deployType, replicas: replicas), virtualSeconds < 600 {
            cluster.advance(by: .seconds(1))
            virtualSeconds += 1
        }
        converged.append(cluster)
    }
    let nodeCount = converged.last?.nodeNames.count ?? 0
    let running = converged.last.map(runningPods) ?? 0
    converged.removeAll()
    report("deployment of \(replicas) replicas on \(nodeCount) nodes: \(running) Running after \(virtualSeconds) s virtual", ms)
}

/// 50 pods with HTTP liveness and readiness probes, then 24 virtual hours in one-minute steps.
func benchProbesForADay(pods: Int = benchSize("KUBETUTOR_BENCH_PODS", 50),
                        hours: Int = benchSize("KUBETUTOR_BENCH_HOURS", 24)) {
    var restarts = 0
    // KUBETUTOR_PROBE_REPLAY=0 runs every probe for real (to compare with replay).
    ProbeReplay.enabled = ProcessInfo.processInfo.environment["KUBETUTOR_PROBE_REPLAY"] != "0"
    let ms = median(benchRuns()) {
        let cluster = Cluster(options: .sandbox)
        let deployType = cluster.registry.lookup(kind: "Deployment")!
        _ = try? cluster.api.create(deployType, deployment("probed", replicas: pods, probes: true), namespace: "default")
        cluster.advance(by: .seconds(60))
        for _ in 0..<(hours * 60) { cluster.advance(by: .seconds(60)) }
        let podType = cluster.registry.lookup(kind: "Pod")!
        restarts = cluster.api.list(podType, namespace: "default").reduce(0) {
            $0 + ($1[path: "status", "containerStatuses"]?.arrayValue?.first?["restartCount"]?.intValue ?? 0)
        }
    }
    report("\(hours) h virtual of \(pods) pods with HTTP probes (\(restarts) restarts)", ms)
}
