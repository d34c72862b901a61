import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// A kubelet stand-in: containers started on the cluster's runtime, found by pod and container name.
final class FakeContainerHost: ContainerDirectory, NetworkDialer {
    var current: [String: ContainerProcess] = [:]
    var previous: [String: ContainerProcess] = [:]

    func process(namespace: String, pod: String, container: String, previous prev: Bool) -> ContainerProcess? {
        (prev ? previous : current)["\(namespace)/\(pod)/\(container)"]
    }

    func resolve(_ host: String, fromNamespace namespace: String?) -> String? { nil }
    func send(_ request: HTTPRequest, fromNamespace namespace: String?, sourceIP: String?, now: Timestamp)
        -> Result<HTTPResponse, NetworkError> { .failure(.unknownHost(request.host)) }
}

/// kubectl logs, exec, top and port-forward against containers the test starts itself (playing kubelet).
final class ContainerVerbTests: XCTestCase {
    var session: ShellSession!
    var cluster: Cluster!
    let kubelet = FakeContainerHost()

    override func setUpWithError() throws {
        session = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
        cluster = try XCTUnwrap(session.currentCluster)
        let k = kubelet
        ContainerAccess.directory = { _ in k }
        cluster.network.containers = k
    }

    override func tearDown() { ContainerAccess.directory = { $0.kubelets } }

    /// Creates a pod, marks it running on a node and starts its containers (image, command per container).
    @discardableResult
    func runPod(_ name: String, containers: [(String, String, [String]?)], labels: [String: String] = ["app": "web"],
                start: Bool = true) throws -> Value {
        let podType = try XCTUnwrap(cluster.registry.lookup(kind: "Pod"))
        var specs: [Value] = []
        for (c, image, cmd) in containers {
            var v: Value = ["name": .string(c), "image": .string(image)]
            if let cmd { v["command"] = .array(cmd.map { .string($0) }) }
            specs.append(v)
        }
        let pod = try cluster.api.create(podType, ["apiVersion": "v1", "kind": "Pod",
                                                   "metadata": ["name": .string(name), "labels": Value(stringMap: labels)],
                                                   "spec": ["containers": .array(specs), "nodeName": "node-a"]], namespace: "default")
        let statuses: [Value] = containers.map { c in
            start ? ["name": .string(c.0), "ready": true, "restartCount": 0, "state": ["running": ["startedAt": .string(cluster.now.rfc3339)]]]
                  : ["name": .string(c.0), "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]
        }
        let status: Value = ["phase": start ? "Running" : "Pending", "startTime": .string(cluster.now.rfc3339),
                             "containerStatuses": .array(statuses)]
        _ = try cluster.api.updateStatus(podType, namespace: "default", name: name, status: status)
        guard start else { return pod }
        for (i, c) in specs.enumerated() {
            let launch = ContainerLaunch(namespace: "default", podName: name, podUID: "u", podIP: "10.8.0.\(10 + i)", nodeName: "node-a",
                                         container: c, pod: pod, environment: [], mounts: [], restartCount: 0, network: kubelet)
            kubelet.current["default/\(name)/\(containers[i].0)"] = try cluster.runtime.start(launch, now: cluster.now).get()
        }
        return pod
    }

    func run(_ line: String) -> (out: String, err: String, status: Int32) {
        let o = Output()
        let s = session.runLine(line, output: o)
        return (o.stdout, o.stderr, s)
    }

    func testLogsOfAShellLoopAndItsOptions() throws {
        try runPod("counter", containers: [("count", "busybox", ["sh", "-c", "i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done"])])
        session.sleep(.seconds(3))
        XCTAssertEqual(run("kubectl logs counter").out,
                       "0: Thu Nov 26 09:00:00 UTC 2026\n1: Thu Nov 26 09:00:01 UTC 2026\n2: Thu Nov 26 09:00:02 UTC 2026\n3: Thu Nov 26 09:00:03 UTC 2026\n")
        XCTAssertEqual(run("kubectl logs counter --tail=1 --timestamps").out, "2026-11-26T09:00:03.000000000Z 3: Thu Nov 26 09:00:03 UTC 2026\n")
        XCTAssertEqual(run("kubectl logs counter --since=2s").out, "1: Thu Nov 26 09:00:01 UTC 2026\n2: Thu Nov 26 09:00:02 UTC 2026\n3: Thu Nov 26 09:00:03 UTC 2026\n")
        XCTAssertEqual(run("kubectl logs -l app=web --prefix --tail=1").out, "[pod/counter/count] 3: Thu Nov 26 09:00:03 UTC 2026\n")
        XCTAssertEqual(run("kubectl logs counter -c nope").err, "Error from server (BadRequest): container nope is not valid for pod counter\n")
        XCTAssertEqual(run("kubectl logs counter -p").err, "Error from server (BadRequest): previous terminated container \"count\" in pod \"counter\" not found\n")
        XCTAssertEqual(run("kubectl logs nope").err, "Error from server (NotFound): pods \"nope\" not found\n")
        XCTAssertEqual(run("kubectl logs").err, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n")
    }

    func testLogsDefaultsToTheFirstContainerAndFollowRunsToTheEnd() throws {
        try runPod("two", containers: [("main", "busybox", ["sh", "-c", "echo start; sleep 3; echo end"]), ("side", "nginx:1.14.2", nil)])
        let r = run("kubectl logs two -f")
        XCTAssertEqual(r.err, "Defaulted container \"main\" out of: main, side\n")
        XCTAssertEqual(r.out, "start\nend\n")
        XCTAssertEqual(cluster.now, Timestamp(rfc3339: "2026-11-26T09:00:03Z"), "-f follows in virtual time until the container exits")
        try runPod("waiting", containers: [("w", "nginx", nil)], start: false)
        XCTAssertEqual(run("kubectl logs waiting").err, "Error from server (BadRequest): container \"w\" in pod \"waiting\" is waiting to start: ContainerCreating\n")
    }

    func testExecRunsCommandsAndPassesTheStatusThrough() throws {
        try runPod("web", containers: [("nginx", "nginx", nil)])
        XCTAssertEqual(run("kubectl exec web -- cat /usr/share/nginx/html/index.html").out.utf8.count, 615)
        let fail = run("kubectl exec web -- ls /nope")
        XCTAssertEqual(fail.err, "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n")
        XCTAssertEqual(fail.status, 2)
        let missing = run("kubectl exec web -- ps")
        XCTAssertTrue(missing.err.hasPrefix("error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""), missing.err)
        XCTAssertTrue(missing.err.hasSuffix("OCI runtime exec failed: exec failed: unable to start container process: exec: \"ps\": executable file not found in $PATH: unknown\n"))
        XCTAssertEqual(run("kubectl exec web ls").err, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n")
        XCTAssertEqual(run("kubectl exec web").err, "error: you must specify at least one command for the container\n")
    }

    func testExecInteractiveShellReadsTheScriptUntilExit() throws {
        try runPod("box", containers: [("b", "busybox", ["sleep", "3600"])])
        let out = Output()
        let status = ScriptRunner().run("kubectl exec -it box -- sh\ncd /tmp\necho hi > f\ncat f; pwd\nexit 3\necho back\n", session: session, output: out)
        XCTAssertEqual(out.stdout, "hi\n/tmp\nback\n")
        XCTAssertEqual(out.stderr, "command terminated with exit code 3\n")
        XCTAssertEqual(status, 0)
    }

    func testTopPodsAfterMetricsArrive() throws {
        try runPod("web", containers: [("nginx", "nginx", nil)])
        XCTAssertEqual(run("kubectl top pods").err, "error: metrics not available yet\n")
        session.sleep(.seconds(60))
        XCTAssertEqual(run("kubectl top pods").out, "NAME   CPU(cores)   MEMORY(bytes)   \nweb    1m           3Mi             \n")
        XCTAssertEqual(run("kubectl top pod --sort-by=x").err, "error: --sort-by accepts only cpu or memory\n")
    }

    func testPortForwardRegistersTheLocalPort() throws {
        try runPod("web", containers: [("nginx", "nginx", nil)])
        session.sleep(.seconds(1))
        let r = run("kubectl port-forward pod/web 8080:80")
        XCTAssertEqual(r.out, "Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n")
        let fwd = try XCTUnwrap(session.portForwards.target(localPort: 8080))
        XCTAssertEqual([fwd.pod, String(fwd.port)], ["web", "80"])
        XCTAssertTrue(run("curl -s localhost:8080").out.contains("Welcome to nginx!"))
        XCTAssertEqual(run("kubectl port-forward web").err, "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n")
    }
}
