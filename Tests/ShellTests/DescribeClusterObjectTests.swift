import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// `describe service|namespace|configmap|node` against hand-built objects shaped like the recorded ones (Appendix C).
final class DescribeClusterObjectTests: XCTestCase {
    func check(_ s: ShellSession, _ command: String, _ want: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = DescribeFixture.run(s, command)
        XCTAssertEqual(r.err, "", file: file, line: line)
        if r.out != want { XCTFail("\(command) differs:\n" + Transcript.diff(expected: want, actual: r.out), file: file, line: line) }
    }

    static let service = """
    {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default","uid":"svc-web","labels":{"app":"web"}},
     "spec":{"type":"NodePort","selector":{"app":"web"},"ipFamilyPolicy":"SingleStack","ipFamilies":["IPv4"],
      "clusterIP":"10.96.120.15","clusterIPs":["10.96.120.15"],
      "ports":[{"port":80,"targetPort":80,"protocol":"TCP","nodePort":31234}],
      "sessionAffinity":"None","externalTrafficPolicy":"Cluster","internalTrafficPolicy":"Cluster"}}
    """

    func testServiceMatchesRecording() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, Self.service)
        check(s, "kubectl describe svc web", AppendixC.svc_web)
    }

    func testServiceEndpointsComeFromReadySliceEndpoints() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, Self.service, """
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"web-abcde","namespace":"default",
          "labels":{"kubernetes.io/service-name":"web"}},"addressType":"IPv4",
         "ports":[{"name":"","port":80,"protocol":"TCP"}],
         "endpoints":[{"addresses":["10.244.1.5"],"conditions":{"ready":true}},{"addresses":["10.244.2.7"],"conditions":{"ready":true}},
           {"addresses":["10.244.2.8"],"conditions":{"ready":false}},{"addresses":["10.244.3.2"]},
           {"addresses":["10.244.3.9"],"conditions":{"ready":true}}]}
        """)
        let out = DescribeFixture.run(s, "kubectl describe service web").out
        XCTAssertTrue(out.contains("Endpoints:                10.244.1.5:80,10.244.2.7:80,10.244.3.2:80 + 1 more...\n"), out)
    }

    func testNamespaceWithQuotaMatchesRecording() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        let c = s.currentCluster!
        var ns = try! c.api.get(c.registry.lookup("ns")!, namespace: nil, name: "default")
        ns[path: "metadata", "labels"] = ["kubernetes.io/metadata.name": "default"]
        ns["status"] = ["phase": "Active"]
        c.store.put(c.registry.lookup("ns")!, ns)
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"my-quota","namespace":"default","uid":"q1"},
         "spec":{"hard":{"pods":"10","requests.cpu":"2","limits.memory":"4Gi"}},
         "status":{"hard":{"pods":"10","requests.cpu":"2","limits.memory":"4Gi"},
          "used":{"pods":"6","requests.cpu":"500m","limits.memory":"1Gi"}}}
        """)
        check(s, "kubectl describe ns default", AppendixC.ns_default)
    }

    func testNamespaceLimitRangesTable() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"limits","namespace":"default","uid":"l1"},
         "spec":{"limits":[{"type":"Container","default":{"cpu":"500m"},"defaultRequest":{"cpu":"250m","memory":"64Mi"}}]}}
        """)
        let out = DescribeFixture.run(s, "kubectl describe namespace default").out
        XCTAssertTrue(out.hasSuffix("""
        No resource quota.

        Resource Limits
         Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
         ----       --------  ---  ---  ---------------  -------------  -----------------------
         Container  cpu       -    -    250m             500m           -
         Container  memory    -    -    64Mi             -              -

        """), out)
    }

    func testConfigMapMatchesRecording() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"app-config","namespace":"default","uid":"cm1"},
         "data":{"KEY2":"v2","KEY1":"v1"}}
        """)
        check(s, "kubectl describe cm app-config", AppendixC.cm_app_config)
    }

    func testSecretShowsSizesNotValues() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"default","uid":"s1"},"type":"Opaque",
         "data":{"password":"czNjcjN0","username":"YWRtaW4="}}
        """)
        check(s, "kubectl describe secret db", """
        Name:         db
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>

        Type:  Opaque

        Data
        ====
        password:  6 bytes
        username:  5 bytes

        """)
    }

    func testNodeMatchesRecording() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"worker-1","uid":"n1","creationTimestamp":"2026-11-14T09:50:43Z",
          "labels":{"beta.kubernetes.io/arch":"amd64","beta.kubernetes.io/os":"linux","kubernetes.io/arch":"amd64",
            "kubernetes.io/hostname":"worker-1","kubernetes.io/os":"linux"}},
         "spec":{"podCIDR":"10.244.0.0/24"},
         "status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}],
          "addresses":[{"type":"InternalIP","address":"172.18.0.3"},{"type":"Hostname","address":"worker-1"}],
          "capacity":{"cpu":"4","memory":"8049104Ki","pods":"110"},"allocatable":{"cpu":"4","memory":"8049104Ki","pods":"110"},
          "nodeInfo":{"kernelVersion":"6.8.0-45-generic","osImage":"Debian GNU/Linux 12 (bookworm)","operatingSystem":"linux",
            "architecture":"amd64","containerRuntimeVersion":"containerd://1.7.24","kubeletVersion":"v1.32.4"}}}
        """)
        // The recording's fake server had no leases endpoint; ours serves leases, and a node put in by hand has no
        // kubelet to create one, so the Lease line is the real server's not-found answer instead.
        let expected = AppendixC.node_worker_1.replacingOccurrences(
            of: "Failed to get lease: the server could not find the requested resource",
            with: "Failed to get lease: leases.coordination.k8s.io \"worker-1\" not found")
        XCTAssertNotEqual(expected, AppendixC.node_worker_1)
        check(s, "kubectl describe node worker-1", expected)
    }

    func testNodeListsItsPodsAndSumsRequests() {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:05Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","uid":"n1","creationTimestamp":"2026-11-26T09:00:00Z",
          "labels":{"node-role.kubernetes.io/control-plane":""}},
         "spec":{"taints":[{"key":"dedicated","value":"db","effect":"NoSchedule"}]},
         "status":{"capacity":{"cpu":"2","memory":"4Gi"},"allocatable":{"cpu":"2","memory":"4Gi"}}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"default","uid":"pa","creationTimestamp":"2026-11-26T09:39:05Z"},
         "spec":{"nodeName":"n1","containers":[{"name":"c","resources":{"requests":{"cpu":"500m","memory":"1Gi"},
           "limits":{"cpu":"1","memory":"2Gi"}}}]},"status":{"phase":"Running"}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"done","namespace":"default","uid":"pb"},
         "spec":{"nodeName":"n1","containers":[{"name":"c","resources":{"requests":{"cpu":"1"}}}]},"status":{"phase":"Succeeded"}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"kube-system","uid":"pc","creationTimestamp":"2026-11-26T09:00:00Z"},
         "spec":{"nodeName":"n1","containers":[{"name":"c","resources":{"requests":{"cpu":"250m"}}}]},"status":{"phase":"Running"}}
        """)
        let out = DescribeFixture.run(s, "kubectl describe node n1").out
        XCTAssertTrue(out.hasPrefix("Name:               n1\nRoles:              control-plane\n"), out)
        XCTAssertTrue(out.contains("Taints:             dedicated=db:NoSchedule\n"), out)
        XCTAssertTrue(out.contains("""
        Non-terminated Pods:          (2 in total)
          Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
          ---------                   ----    ------------  ----------  ---------------  -------------  ---
          default                     a       500m (25%)    1 (50%)     1Gi (25%)        2Gi (50%)      10m
          kube-system                 b       250m (12%)    0 (0%)      0 (0%)           0 (0%)         49m
        Allocated resources:
          (Total limits may be over 100 percent, i.e., overcommitted.)
          Resource           Requests    Limits
          --------           --------    ------
          cpu                750m (37%)  1 (50%)
          memory             1Gi (25%)   2Gi (50%)
          ephemeral-storage  0 (0%)      0 (0%)
        Events:              <none>

        """), out)
    }
}
