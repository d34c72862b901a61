// Each kind of check judged against a real (simulated) cluster, with the reasons a learner reads.
import Course
import MiniCluster
import Shell
import XCTest

final class CheckJudgeTests: XCTestCase {
    private var session: ShellSession!

    override func setUp() {
        session = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
    }

    private func run(_ line: String) { XCTAssertEqual(session.runLine(line, output: Output()), 0, line) }

    private func ref(_ kind: String, _ name: String) -> ObjectRef {
        ObjectRef(type: ResourceRegistry().lookup(kind)!, name: name)
    }

    private func judge(_ kind: CheckKind, namespace: String? = nil) -> CheckOutcome {
        CheckJudge.judge(Check(kind: kind, namespace: namespace, line: 1), session: session)
    }

    func testExistsAndAbsent() {
        XCTAssertEqual(judge(.exists(ref("pod", "web"))), .fail("there is no pod named web in namespace default"))
        XCTAssertEqual(judge(.absent(ref("pod", "web"))), .pass)
        run("kubectl run web --image=nginx")
        XCTAssertEqual(judge(.exists(ref("po", "web"))), .pass)
        XCTAssertEqual(judge(.absent(ref("pod", "web"))), .fail("pod/web still exists in namespace default"))
        XCTAssertEqual(judge(.exists(ref("namespace", "demo"))), .fail("there is no namespace named demo"))
    }

    /// `explain:` replaces the generic reason of a failing check, and leaves a passing one alone.
    func testExplainIsWhatAFailingCheckSays() {
        let path = "{.spec.template.spec.containers[0].readinessProbe.httpGet.path}"
        let check = Check(kind: .jsonpath(ref("deployment", "web"), path: path, expect: .matches("^/(index\\.html)?$")), line: 1,
                          explain: "the readiness probe still asks for a page nginx does not serve")
        XCTAssertEqual(CheckJudge.judge(check, session: session), .fail("the readiness probe still asks for a page nginx does not serve"))
        run("kubectl create deployment web --image=nginx")
        run("kubectl patch deployment web --type=json -p '[{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/readinessProbe\",\"value\":{\"httpGet\":{\"path\":\"/\",\"port\":80}}}]'")
        XCTAssertEqual(CheckJudge.judge(check, session: session), .pass)
    }

    func testLintTakesExplainOnEveryCheckButNotEmpty() throws {
        let messages = try LintFixture.lintLab("""
        ```task
        id: t
        title: T
        do: Do it.
        checks:
          - gkeCluster: hello
            explain: there is no cluster called hello yet
          - gcloud: config get-value project
            equals: demo
            explain: "  "
        solution:
          - gcloud container clusters create hello --zone us-central1-a
        ```

        """)
        XCTAssertEqual(messages, ["F/ch/lesson.md:19: \"explain\" must say something"])
    }

    /// `auth can-i` answering "no" exits 1; a kubectl check compares that answer instead of failing on the status.
    func testAuthCanIAnswers() {
        let sa = "--as system:serviceaccount:default:reader"
        XCTAssertEqual(judge(.kubectl(query: "auth can-i list pods \(sa)", expect: .equals("no"))), .pass)
        XCTAssertEqual(judge(.kubectl(query: "auth can-i list pods \(sa)", expect: .equals("yes"))),
                       .fail("expected the output of `kubectl auth can-i list pods \(sa)` to be yes, it printed no"))
        run("kubectl create role r --verb=list --resource=pods")
        run("kubectl create rolebinding r --role=r --serviceaccount=default:reader")
        XCTAssertEqual(judge(.kubectl(query: "auth can-i list pods \(sa)", expect: .equals("yes"))), .pass)
        XCTAssertEqual(judge(.kubectl(query: "get pods -n kube-system \(sa)", expect: .equals(""))),
                       .fail("`kubectl get pods -n kube-system \(sa)` failed: Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:default:reader\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\""))
    }

    func testCountWithSelectorAndPhase() {
        run("kubectl create deployment web --image=nginx --replicas=3")
        let pods = ResourceRegistry().lookup("pods")!
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: nil, expect: .equals("3"))), .pass)
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: "Succeeded", expect: .atLeast(1))),
                       .fail("expected at least 1 pod with app=web in phase Succeeded in namespace default, found 0"))
    }

    func testJSONPathExpectations() {
        run("kubectl create deployment web --image=nginx:1.27 --replicas=2")
        let d = ref("deploy", "web")
        XCTAssertEqual(judge(.jsonpath(d, path: "{.spec.replicas}", expect: .equals("2"))), .pass)
        XCTAssertEqual(judge(.jsonpath(d, path: "{.spec.replicas}", expect: .atLeast(3))),
                       .fail("expected {.spec.replicas} of deployment/web to be at least 3, found 2"))
        XCTAssertEqual(judge(.jsonpath(d, path: "{.spec.template.spec.containers[0].image}", expect: .matches("^nginx:1\\."))), .pass)
        XCTAssertEqual(judge(.jsonpath(d, path: "{.metadata.labels.tier}", expect: .equals("web"))),
                       .fail("expected {.metadata.labels.tier} of deployment/web to be web, found nothing"))
    }

    func testConditionAndRollout() {
        run("kubectl run web --image=nginx")
        XCTAssertEqual(judge(.condition(ref("pod", "web"), type: "Frobnicated", status: "True")),
                       .fail("pod/web has no Frobnicated condition yet"))
        let dep = ref("deployment", "api")
        XCTAssertEqual(judge(.rolledOut(dep)), .fail("there is no deployment named api in namespace default"))
        run("kubectl create deployment api --image=nginx --replicas=2")
        if case .fail(let why) = judge(.rolledOut(dep)) {
            XCTAssertTrue(why.hasPrefix("deployment/api is not rolled out yet: "), why)
        } else {
            XCTFail("a deployment whose pods never ran cannot be rolled out")
        }
    }

    func testLogsOfAContainerThatHasNotStarted() {
        XCTAssertEqual(judge(.logs(ref("pod", "web"), container: nil, contains: "GET /")), .fail("there is no pod named web in namespace default"))
        run("kubectl run web --image=nginx")
        let outcome = judge(.logs(ref("pod", "web"), container: nil, contains: "GET /"))
        XCTAssertFalse(outcome.passed, "nginx logs no request before one was sent")
    }

    func testKubectlQuery() {
        run("kubectl create namespace demo")
        XCTAssertEqual(judge(.kubectl(query: "get namespace demo -o name", expect: .equals("namespace/demo"))), .pass)
        XCTAssertEqual(judge(.kubectl(query: "get pods -o name", expect: .contains("pod/web"))),
                       .fail("expected the output of `kubectl get pods -o name` to contain \"pod/web\", it printed nothing"))
        XCTAssertEqual(session.lastStatus, 0)
    }

    func testAnExecInACheckTakesNoTime() {
        run("kubectl run c --image=busybox --restart=Never -- sleep 3600")
        run("kubectl wait --for=condition=Ready pod/c")
        let cluster = session.currentCluster!
        let start = cluster.now
        XCTAssertEqual(judge(.kubectl(query: "exec c -- sh -c 'sleep 30; echo up'", expect: .equals("up"))), .pass)
        XCTAssertEqual(cluster.now, start, "judging looks at the cluster as it is")
        run("kubectl exec c -- sleep 30")
        XCTAssertEqual(cluster.now, start + .seconds(30), "the learner's own exec does take the time")
    }
}

/// `ready:` and `http:` checks against running pods and the simulated network.
final class LiveCheckTests: XCTestCase {
    private var session: ShellSession!

    override func setUp() {
        session = ShellSession.withDefaultCluster(cwd: FileManager.default.temporaryDirectory)
    }

    private func run(_ line: String) { XCTAssertEqual(session.runLine(line, output: Output()), 0, line) }
    private func wait(_ s: Int64) { session.advanceClusters(by: .seconds(s)) }
    private func ref(_ kind: String, _ name: String) -> ObjectRef { ObjectRef(type: ResourceRegistry().lookup(kind)!, name: name) }
    private func judge(_ kind: CheckKind, namespace: String? = nil) -> CheckOutcome {
        CheckJudge.judge(Check(kind: kind, namespace: namespace, line: 1), session: session)
    }

    func testReadyReplicasOfADeployment() {
        run("kubectl create deployment web --image=nginx --replicas=3")
        XCTAssertEqual(judge(.ready(ref("deploy", "web"), expect: nil)), .fail("expected 3 ready replicas of deployment/web, found 0"))
        wait(60)
        XCTAssertEqual(judge(.ready(ref("deploy", "web"), expect: nil)), .pass)
        XCTAssertEqual(judge(.ready(ref("deploy", "web"), expect: .atLeast(4))), .fail("expected at least 4 ready replicas of deployment/web, found 3"))
        let pods = ResourceRegistry().lookup("pods")!
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: "Running", ready: true, expect: .equals("3"))), .pass)
        run("kubectl scale deployment web --replicas=5")
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: nil, ready: true, expect: .equals("5"))),
                       .fail("expected 5 ready pods with app=web in namespace default, found 3"))
        // One of a thing reads in the singular.
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: nil, ready: true, expect: .equals("1"))),
                       .fail("expected 1 ready pod with app=web in namespace default, found 3"))
        XCTAssertEqual(judge(.ready(ref("deploy", "web"), expect: .atMost(1))), .fail("expected at most 1 ready replica of deployment/web, found 3"))
    }

    func testCountWithAFieldSelector() {
        run("kubectl create deployment web --image=nginx --replicas=3")
        wait(30)
        let events = ResourceRegistry().lookup("events")!
        let created = CheckKind.count(type: events, selector: nil, phase: nil, fields: "involvedObject.kind=ReplicaSet,reason=SuccessfulCreate", expect: .atLeast(4))
        XCTAssertEqual(judge(created), .fail("expected at least 4 events with involvedObject.kind=ReplicaSet,reason=SuccessfulCreate in namespace default, found 3"))
        run("kubectl delete pod -l app=web --field-selector spec.nodeName=gke-kubetutor-default-pool-eb8e9ad5-4muu")
        wait(5)
        XCTAssertEqual(judge(created), .pass)
        let pods = ResourceRegistry().lookup("pods")!
        XCTAssertEqual(judge(.count(type: pods, selector: "app=web", phase: "Running", fields: "spec.nodeName=nowhere", expect: .equals("0"))), .pass)
    }

    func testCountSinceTheTaskBeganSeesOnlyNewObjects() {
        run("kubectl create deployment web --image=nginx --replicas=3")
        wait(30)
        let pods = ResourceRegistry().lookup("pods")!
        let replaced = CheckKind.count(type: pods, selector: "app=web", phase: nil, sinceTask: true, expect: .atLeast(1))
        let began = session.currentCluster!.now
        func judge(_ kind: CheckKind) -> CheckOutcome {
            CheckJudge.judge(Check(kind: kind, namespace: nil, line: 1), session: session, taskStart: began)
        }
        XCTAssertEqual(judge(replaced), .fail("expected at least 1 pod with app=web created since this task began in namespace default, found 0"))
        run("kubectl delete pod -l app=web --field-selector spec.nodeName=gke-kubetutor-default-pool-eb8e9ad5-4muu")
        wait(5)
        XCTAssertEqual(judge(replaced), .pass)
        // Not begun yet (nil): only what is created from now on counts.
        XCTAssertEqual(CheckJudge.judge(Check(kind: replaced, namespace: nil, line: 1), session: session, taskStart: nil),
                       .fail("expected at least 1 pod with app=web created since this task began in namespace default, found 0"))
    }

    func testPodNotReadyReasonNamesTheWaitingContainer() {
        run("kubectl run broken --image=nginx:no-such-tag")
        wait(60)
        guard case .fail(let why) = judge(.ready(ref("pod", "broken"), expect: nil)) else { return XCTFail("a pod that cannot pull is not ready") }
        XCTAssertTrue(why.hasPrefix("pod/broken is not ready: container broken is waiting ("), why)
        XCTAssertTrue(why.contains("ImagePullBackOff") || why.contains("ErrImagePull"), why)
        run("kubectl run crash --image=busybox -- sh -c 'exit 1'")
        wait(60)
        guard case .fail(let crash) = judge(.ready(ref("pod", "crash"), expect: nil)) else { return XCTFail("a crashing pod is not ready") }
        XCTAssertTrue(crash.contains("CrashLoopBackOff") || crash.contains("Error"), crash)
        run("kubectl run web --image=nginx")
        wait(30)
        XCTAssertEqual(judge(.ready(ref("pod", "web"), expect: nil)), .pass)
    }

    func testHTTPThroughALoadBalancerANodePortAndClusterDNS() {
        run("kubectl create deployment web --image=nginx --replicas=2")
        run("kubectl expose deployment web --port=80 --type=LoadBalancer")
        XCTAssertEqual(judge(.http(url: "http://{lb:web}/", host: nil, status: 200, body: nil)),
                       .fail("service/web has no external IP yet (its EXTERNAL-IP is still <pending>)"))
        XCTAssertEqual(judge(.http(url: "http://{lb:nope}/", host: nil, status: 200, body: nil)), .fail("there is no service named nope in namespace default"))
        wait(90)
        XCTAssertEqual(judge(.http(url: "http://{lb:web}/", host: nil, status: 200, body: .contains("Welcome to nginx"))), .pass)
        XCTAssertEqual(judge(.http(url: "http://{node}:{nodeport:web}/", host: nil, status: 200, body: nil)), .pass)
        guard case .fail(let why) = judge(.http(url: "http://{lb:web}/missing", host: nil, status: 200, body: nil)) else { return XCTFail("nginx has no /missing") }
        XCTAssertTrue(why.hasPrefix("expected status 200 from http://{lb:web}/missing ("), why)
        XCTAssertTrue(why.hasSuffix(", got 404"), why)
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil)),
                       .fail("http://web/ does not answer: the name web does not resolve from outside the cluster"))
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil), namespace: "default"), .pass)
        XCTAssertEqual(judge(.http(url: "http://web.default.svc.cluster.local/", host: nil, status: nil, body: .contains("nginx")), namespace: "kube-system"), .pass)
        XCTAssertEqual(judge(.http(url: "http://{clusterip:web}/", host: nil, status: 200, body: nil), namespace: "default"), .pass)
        guard case .fail(let outside) = judge(.http(url: "http://{clusterip:web}/", host: nil, status: 200, body: nil)) else { return XCTFail("cluster IPs do not answer from outside") }
        XCTAssertTrue(outside.contains("did not answer"), outside)
        run("kubectl scale deployment web --replicas=0")
        wait(60)
        guard case .fail(let refused) = judge(.http(url: "http://{lb:web}/", host: nil, status: 200, body: nil)) else { return XCTFail("no pods, no answer") }
        XCTAssertTrue(refused.contains("refused the connection"), refused)
    }

    /// `from:` sends from a named pod (its labels are what a NetworkPolicy judges); `timesOut:` wants no answer.
    func testHTTPFromAPodAndTimeoutsUnderANetworkPolicy() throws {
        run("kubectl create deployment web --image=nginx")
        run("kubectl expose deployment web --port=80")
        run("kubectl run front --image=busybox --labels=role=frontend -- sleep 3600")
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil, from: "front")),
                       .fail("pod/front is not running yet, so it cannot send the request"))
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil, from: "nope")),
                       .fail("there is no pod named nope to send the request from"))
        run("kubectl run other --image=busybox -- sleep 3600")
        wait(60)
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil, from: "other")), .pass)
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: nil, body: nil, from: "other", timesOut: true)),
                       .fail("expected http://web/ from pod/other to time out (dropped on the way), but it answered with status 200"))
        let policy = FileManager.default.temporaryDirectory.appendingPathComponent("np-\(UUID().uuidString).yaml")
        try """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-allow-frontend
        spec:
          podSelector:
            matchLabels:
              app: web
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  role: frontend
        """.write(to: policy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: policy) }
        run("kubectl apply -f \(policy.path)")
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil, from: "front")), .pass)
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: nil, body: nil, from: "other", timesOut: true)), .pass)
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil, from: "other")),
                       .fail("http://web/ from pod/other did not answer (the request timed out)"))
        XCTAssertEqual(judge(.http(url: "http://web/", host: nil, status: 200, body: nil), namespace: "default"),
                       .fail("http://web/ did not answer (the request timed out)"), "without from: a pod with no labels")
    }

    func testHTTPThroughAnIngressByPathAndHost() {
        run("kubectl create deployment v1 --image=gcr.io/google-samples/hello-app:1.0")
        run("kubectl create deployment v2 --image=gcr.io/google-samples/hello-app:2.0")
        run("kubectl expose deployment v1 --port=80 --target-port=8080")
        run("kubectl expose deployment v2 --port=80 --target-port=8080")
        run("kubectl create ingress hello --rule=/v1*=v1:80 --rule=new.example.com/*=v2:80")
        XCTAssertEqual(judge(.http(url: "http://{ingress:hello}/v1", host: nil, status: 200, body: nil)),
                       .fail("ingress/hello has no address yet (its load balancer is still being created)"))
        XCTAssertEqual(judge(.http(url: "http://{ingress:nope}/", host: nil, status: 200, body: nil)),
                       .fail("there is no ingress named nope in namespace default"))
        wait(120)
        XCTAssertEqual(judge(.http(url: "http://{ingress:hello}/v1", host: nil, status: 200, body: .contains("Version: 1.0.0"))), .pass)
        XCTAssertEqual(judge(.http(url: "http://{ingress:hello}/", host: "new.example.com", status: 200, body: .contains("Version: 2.0.0"))), .pass)
        guard case .fail(let why) = judge(.http(url: "http://{ingress:hello}/", host: nil, status: 200, body: nil)) else {
            return XCTFail("no rule serves / without the host")
        }
        XCTAssertTrue(why.hasSuffix(", got 404"), why)
    }
}

final class CheckReasonTests: XCTestCase {
    func testLongCommandOutputIsSummarised() {
        XCTAssertEqual(CheckJudge.printed(""), "nothing")
        XCTAssertEqual(CheckJudge.printed("pod/web"), "pod/web")
        XCTAssertEqual(CheckJudge.printed("a\nb\nlast line"), "3 lines, the last being \"last line\"")
        XCTAssertEqual(CheckJudge.printed(String(repeating: "x", count: 120)), "\"" + String(repeating: "x", count: 80) + "…\"")
    }
}
