import MiniCluster
@testable import Shell
import TestSupport
import XCTest

/// `kubectl describe pod` against hand-built pods shaped like the recorded ones (Appendix C).
final class DescribePodTests: XCTestCase {
    static let tolerations = """
    [{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
     {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]
    """

    func session() -> ShellSession {
        let s = DescribeFixture.session(now: "2026-11-26T09:49:19Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7c5ddbdf54-4kx9z","namespace":"default","uid":"pod-web",
          "creationTimestamp":"2026-11-26T09:43:52Z","labels":{"app":"web","pod-template-hash":"7c5ddbdf54"},
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7c5ddbdf54","uid":"rs-web","controller":true}]},
         "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}]}],
          "nodeName":"worker-1","priority":0,"serviceAccountName":"default","tolerations":\(Self.tolerations)},
         "status":{"phase":"Running","hostIP":"172.18.0.3","podIP":"10.244.1.5","podIPs":[{"ip":"10.244.1.5"}],
          "startTime":"2026-11-26T09:43:53Z","qosClass":"BestEffort",
          "conditions":[{"type":"PodReadyToStartContainers","status":"True"},{"type":"Initialized","status":"True"},
            {"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"},{"type":"PodScheduled","status":"True"}],
          "containerStatuses":[{"name":"nginx","containerID":"containerd://0123456789abcdef","image":"nginx:1.25",
            "imageID":"docker.io/library/nginx@sha256:abc123","ready":true,"restartCount":0,"started":true,
            "state":{"running":{"startedAt":"2026-11-26T09:44:03Z"}}}]}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"crashy","namespace":"default","uid":"pod-crashy",
          "creationTimestamp":"2026-11-26T09:45:32Z","labels":{"run":"crashy"}},
         "spec":{"containers":[{"name":"app","image":"busybox:1.36","command":["sh","-c","exit 1"]}],
          "nodeName":"worker-1","priority":0,"serviceAccountName":"default","tolerations":\(Self.tolerations)},
         "status":{"phase":"Running","hostIP":"172.18.0.3","podIP":"10.244.1.9","podIPs":[{"ip":"10.244.1.9"}],
          "startTime":"2026-11-26T09:45:33Z","qosClass":"BestEffort",
          "conditions":[{"type":"PodReadyToStartContainers","status":"True"},{"type":"Initialized","status":"True"},
            {"type":"Ready","status":"False"},{"type":"ContainersReady","status":"False"},{"type":"PodScheduled","status":"True"}],
          "containerStatuses":[{"name":"app","containerID":"containerd://0123456789abcdef","image":"busybox:1.36",
            "imageID":"docker.io/library/nginx@sha256:abc123","ready":false,"restartCount":3,"started":false,
            "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s restarting failed container"}},
            "lastState":{"terminated":{"reason":"Error","exitCode":1,"startedAt":"2026-11-26T09:48:13Z",
              "finishedAt":"2026-11-26T09:48:18Z"}}}]}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pending-pod","namespace":"default","uid":"pod-pending",
          "creationTimestamp":"2026-11-26T09:45:00Z","labels":{"run":"pending-pod"}},
         "spec":{"containers":[{"name":"pending-pod","image":"nginx"}],
          "priority":0,"serviceAccountName":"default","tolerations":\(Self.tolerations)},
         "status":{"phase":"Pending","qosClass":"Burstable",
          "conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}}
        """, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"init-demo","namespace":"default","uid":"pod-init",
          "creationTimestamp":"2026-11-26T09:48:50Z"},
         "spec":{"initContainers":[{"name":"init-a","image":"busybox"},{"name":"init-b","image":"busybox"}],
          "containers":[{"name":"main","image":"nginx"}],"nodeName":"worker-1","priority":0,"serviceAccountName":"default",
          "tolerations":\(Self.tolerations)},
         "status":{"phase":"Pending","podIP":"10.244.1.11","podIPs":[{"ip":"10.244.1.11"}],
          "conditions":[{"type":"Initialized","status":"False"}],
          "initContainerStatuses":[
            {"name":"init-a","image":"busybox","imageID":"","ready":false,"restartCount":0,
             "state":{"running":{"startedAt":"2026-11-26T09:48:53Z"}}},
            {"name":"init-b","image":"busybox","imageID":"","ready":false,"restartCount":0,
             "state":{"waiting":{"reason":"PodInitializing"}}}],
          "containerStatuses":[{"name":"main","image":"nginx","imageID":"","ready":false,"restartCount":0,
             "state":{"waiting":{"reason":"PodInitializing"}}}]}}
        """)
        // Events stored out of time order (store lists by name); describe sorts them by time.
        DescribeFixture.put(s,
            DescribeFixture.event("web.e", about: "Pod", "web-7c5ddbdf54-4kx9z", uid: "pod-web", reason: "Started",
                                  message: "Started container nginx", component: "kubelet", first: "2026-11-26T09:44:09Z"),
            DescribeFixture.event("web.d", about: "Pod", "web-7c5ddbdf54-4kx9z", uid: "pod-web", reason: "Created",
                                  message: "Created container nginx", component: "kubelet", first: "2026-11-26T09:44:08Z"),
            DescribeFixture.event("web.c", about: "Pod", "web-7c5ddbdf54-4kx9z", uid: "pod-web", reason: "Pulled",
                                  message: "Successfully pulled image \\\"nginx:1.25\\\" in 2.1s (2.1s including waiting). Image size: 72080558 bytes.",
                                  component: "kubelet", first: "2026-11-26T09:44:08Z"),
            DescribeFixture.event("web.b", about: "Pod", "web-7c5ddbdf54-4kx9z", uid: "pod-web", reason: "Pulling",
                                  message: "Pulling image \\\"nginx:1.25\\\"", component: "kubelet", first: "2026-11-26T09:43:54Z"),
            // The scheduler writes events.k8s.io-style: eventTime and reportingComponent, no timestamps or source.
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.z","namespace":"default"},
             "involvedObject":{"kind":"Pod","name":"web-7c5ddbdf54-4kx9z","namespace":"default","uid":"pod-web"},
             "type":"Normal","reason":"Scheduled","message":"Successfully assigned default/web-7c5ddbdf54-4kx9z to worker-1",
             "source":{},"eventTime":"2026-11-26T09:43:53.000000Z","reportingComponent":"default-scheduler"}
            """,
            // Same name, other uid: an earlier pod of that name; must not show.
            DescribeFixture.event("web.old", about: "Pod", "web-7c5ddbdf54-4kx9z", uid: "other", reason: "Killing",
                                  message: "Stopping container nginx", component: "kubelet", first: "2026-11-26T09:40:00Z"),
            DescribeFixture.event("crashy.a", about: "Pod", "crashy", uid: "pod-crashy", type: "Warning", reason: "BackOff",
                                  message: "Back-off restarting failed container app in pod crashy_default(uid)",
                                  component: "kubelet", first: "2026-11-26T09:46:18Z", last: "2026-11-26T09:49:08Z", count: 7))
        return s
    }

    func check(_ name: String, _ want: String, file: StaticString = #filePath, line: UInt = #line) {
        let r = DescribeFixture.run(session(), "kubectl describe pod \(name)")
        XCTAssertEqual(r.status, 0, file: file, line: line)
        XCTAssertEqual(r.err, "", file: file, line: line)
        if r.out != want {
            XCTFail("describe pod \(name) differs:\n" + Transcript.diff(expected: want, actual: r.out), file: file, line: line)
        }
    }

    func testRunningPodMatchesRecording() { check("web-7c5ddbdf54-4kx9z", AppendixC.pod_web_7c5ddbdf54_4kx9z) }
    func testCrashLoopingPodMatchesRecording() { check("crashy", AppendixC.pod_crashy) }
    func testPendingPodMatchesRecording() { check("pending-pod", AppendixC.pod_pending_pod) }
    func testInitContainersMatchRecording() { check("init-demo", AppendixC.pod_init_demo) }

    func testNoEventsFlag() {
        let r = DescribeFixture.run(session(), "kubectl describe pod crashy --show-events=false")
        XCTAssertFalse(r.out.contains("Events"))
        XCTAssertTrue(r.out.hasSuffix("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"))
    }

    func testQoSClassComputedWhenStatusLacksIt() {
        let spec = { (json: String) in DescribeFixture.value(json) }
        XCTAssertEqual(PodDescriber.qosClass(spec(#"{"containers":[{"name":"a"}]}"#)), "BestEffort")
        XCTAssertEqual(PodDescriber.qosClass(spec(#"{"containers":[{"name":"a","resources":{"requests":{"cpu":"100m"}}}]}"#)),
                       "Burstable")
        XCTAssertEqual(PodDescriber.qosClass(spec(#"{"containers":[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1000m","memory":"1Gi"}}}]}"#)),
                       "Guaranteed")
        XCTAssertEqual(PodDescriber.qosClass(spec(#"{"containers":[{"name":"a","resources":{"limits":{"cpu":"1"}}}]}"#)), "Burstable")
    }

    func testContainerDetails() {
        let s = DescribeFixture.session(now: "2026-11-26T09:10:00Z")
        DescribeFixture.put(s, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"full","namespace":"default","uid":"u1","labels":{"app":"x"}},
         "spec":{"containers":[{"name":"app","image":"app:1","args":["--port=8080"],
           "ports":[{"containerPort":8080,"protocol":"TCP"},{"containerPort":9090,"protocol":"UDP"}],
           "resources":{"limits":{"memory":"128Mi","cpu":"500m"},"requests":{"cpu":"250m","memory":"64Mi"}},
           "livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"scheme":"HTTP"},"initialDelaySeconds":3,
             "timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},
           "readinessProbe":{"exec":{"command":["cat","/tmp/ready"]},"timeoutSeconds":1,"periodSeconds":5,
             "successThreshold":1,"failureThreshold":3},
           "envFrom":[{"configMapRef":{"name":"cfg"}}],
           "env":[{"name":"MODE","value":"prod"},{"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}},
             {"name":"PASS","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}],
           "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"cfg","mountPath":"/etc/cfg","readOnly":true}]}],
          "volumes":[{"name":"data","emptyDir":{}},{"name":"cfg","configMap":{"name":"cfg"}}]},
         "status":{"phase":"Pending"}}
        """)
        let out = DescribeFixture.run(s, "kubectl describe pod full").out
        XCTAssertTrue(out.contains("""
        Containers:
          app:
            Image:       app:1
            Ports:       8080/TCP, 9090/UDP
            Host Ports:  0/TCP, 0/UDP
        """), out)
        XCTAssertTrue(out.contains("""
            Args:
              --port=8080
            Limits:
              cpu:     500m
              memory:  128Mi
            Requests:
              cpu:      250m
              memory:   64Mi
            Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3
            Readiness:  exec [cat /tmp/ready] delay=0s timeout=1s period=5s #success=1 #failure=3
            Environment Variables from:
              cfg  ConfigMap  Optional: false
            Environment:
              MODE:  prod
              POD:   full (v1:metadata.name)
              PASS:  <set to the key 'password' in secret 'db'>  Optional: false
            Mounts:
              /data from data (rw)
              /etc/cfg from cfg (ro)
        """), out)
        XCTAssertTrue(out.contains("""
        Volumes:
          data:
            Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
            Medium:\u{20}\u{20}\u{20}\u{20}\u{20}
            SizeLimit:  <unset>
          cfg:
            Type:        ConfigMap (a volume populated by a ConfigMap)
            Name:        cfg
            Optional:    false
        QoS Class:       Burstable
        """), out)
    }
}
