import Foundation
import MiniCluster
@testable import Shell
import XCTest

/// The simulated helm's pure parts (values, rendering, release records) and the command behaviour a golden
/// transcript does not pin down.
final class HelmTests: ScratchFolderTestCase {
    /// Global flags may come before the command, as cobra allows (`helm -n dev list`); an unknown one is refused
    /// with cobra's text.
    func testGlobalFlagsBeforeTheCommand() {
        let s = ShellSession.withDefaultCluster(cwd: dir)
        _ = run(s, "kubectl create namespace dev")
        _ = run(s, "helm repo add bitnami https://charts.bitnami.com/bitnami")
        XCTAssertEqual(run(s, "helm --namespace dev install web bitnami/nginx").1, 0)
        XCTAssertTrue(run(s, "helm -n dev list").0.contains("web \tdev"))
        XCTAssertTrue(run(s, "helm -ndev list").0.contains("web \tdev"))
        XCTAssertEqual(run(s, "helm list").0.split(separator: "\n").count, 1, "default has no release")
        XCTAssertEqual(run(s, "helm --bogus list").0, "Error: unknown flag: --bogus\n")
        XCTAssertEqual(run(s, "helm -x list").0, "Error: unknown shorthand flag: 'x' in -x\n")
        XCTAssertEqual(run(s, "helm --bogus").1, 1)
    }

    func testSetParsingTypesLikeStrvals() throws {
        let cases: [(String, Value)] = [
            ("replicaCount=3", ["replicaCount": 3]),
            ("service.type=ClusterIP,image.tag=1.27", ["service": ["type": "ClusterIP"], "image": ["tag": "1.27"]]),
            ("a=true,b=false,c=null", ["a": true, "b": false, "c": .null]),
            ("tag=007", ["tag": "007"]),
            ("name=a\\,b", ["name": "a,b"]),
        ]
        for (input, want) in cases { XCTAssertEqual(try HelmValues.parseSet(input), want, input) }
        XCTAssertThrowsError(try HelmValues.parseSet("novalue"))
    }

    func testMergeIsDeepAndNullDeletes() {
        let base: Value = ["a": 1, "svc": ["type": "LoadBalancer", "port": 80]]
        XCTAssertEqual(HelmValues.merge(base, ["svc": ["type": "ClusterIP"]]),
                       ["a": 1, "svc": ["type": "ClusterIP", "port": 80]])
        XCTAssertEqual(HelmValues.merge(base, ["a": .null]), ["svc": ["type": "LoadBalancer", "port": 80]])
    }

    func testNginxRendersFromValues() {
        let chart = BitnamiNginx.chart
        let table: [(String, Value, Int, String, String)] = [
            ("web", .emptyObject, 1, "LoadBalancer", "web-nginx"),
            ("my-nginx", ["replicaCount": 3, "service": ["type": "ClusterIP"]], 3, "ClusterIP", "my-nginx"),
            ("x", ["image": ["tag": "1.26"]], 1, "LoadBalancer", "x-nginx"),
        ]
        for (release, values, replicas, type, name) in table {
            let input = HelmRenderInput(release: release, namespace: "default", values: HelmValues.merge(chart.defaults, values),
                                        chart: chart, generated: [:])
            let objs = HelmKindOrder.sorted(chart.render(input)).map(\.object)
            XCTAssertEqual(objs.map(\.kind), ["Service", "Deployment"])
            XCTAssertEqual(objs.map(\.metadataName), [name, name])
            XCTAssertEqual(objs[1][path: "spec", "replicas"], .int(replicas))
            XCTAssertEqual(objs[0][path: "spec", "type"], .string(type))
            XCTAssertEqual(objs[1].labels["app.kubernetes.io/managed-by"], "Helm")
            XCTAssertEqual(objs[1].annotations["meta.helm.sh/release-name"], release)
            XCTAssertEqual(objs[1].labels["helm.sh/chart"], "nginx-18.3.5")
        }
        let tagged = HelmRenderInput(release: "x", namespace: "default",
                                     values: HelmValues.merge(chart.defaults, ["image": ["tag": "1.26"]]), chart: chart, generated: [:])
        XCTAssertEqual(chart.render(tagged)[1].object[pathArray: ["spec", "template", "spec", "containers"]]?[0]?["image"],
                       "docker.io/bitnami/nginx:1.26")
    }

    func testWordPressRendersDatabaseAndUsesGeneratedPasswords() {
        let chart = BitnamiWordPress.chart
        let input = HelmRenderInput(release: "blog", namespace: "default", values: chart.defaults, chart: chart,
                                    generated: ["wordpress-password": "pw1", "mariadb-password": "pw2", "mariadb-root-password": "pw3"])
        let objs = HelmKindOrder.sorted(chart.render(input)).map(\.object)
        XCTAssertEqual(objs.map { "\($0.kind)/\($0.metadataName)" },
                       ["Secret/blog-mariadb", "Secret/blog-wordpress", "PersistentVolumeClaim/blog-wordpress",
                        "Service/blog-mariadb", "Service/blog-wordpress", "Deployment/blog-wordpress", "StatefulSet/blog-mariadb"])
        XCTAssertEqual(objs[1][path: "data", "wordpress-password"], .string(Base64.encode("pw1")))
    }

    func testReleaseRecordRoundTripsThroughItsSecret() throws {
        let r = HelmRelease(name: "web", namespace: "default", version: 2, status: "deployed", chart: BitnamiNginx.chart,
                            config: ["replicaCount": 4], computed: ["replicaCount": 4], generated: ["k": "v"], manifest: "---\n",
                            notes: "n", first: Timestamp(seconds: 100), last: Timestamp(ms: 200_500), description: "Upgrade complete")
        let s = r.secret
        XCTAssertEqual(s.metadataName, "sh.helm.release.v1.web.v2")
        XCTAssertEqual(s["type"], "helm.sh/release.v1")
        XCTAssertEqual(s.labels, ["name": "web", "owner": "helm", "status": "deployed", "version": "2"])
        let back = try XCTUnwrap(HelmRelease(secret: s))
        XCTAssertEqual(back.config, ["replicaCount": 4])
        XCTAssertEqual(back.lastDeployed, Timestamp(ms: 200_500))
        XCTAssertEqual(back.generated, ["k": "v"])
        XCTAssertEqual(Timestamp(ms: 200_500).goString, "1970-01-01 00:03:20.5 +0000 UTC")
        XCTAssertEqual(Timestamp(seconds: 100).ansiC, "Thu Jan  1 00:01:40 1970")
    }

    func testUpgradeWithoutValuesKeepsThemAndWithNewValuesResets() {
        let s = ShellSession.withDefaultCluster(cwd: dir)
        _ = run(s, "helm repo add bitnami https://charts.bitnami.com/bitnami")
        XCTAssertEqual(run(s, "helm install web bitnami/nginx --set service.type=ClusterIP").1, 0)
        XCTAssertEqual(run(s, "helm upgrade web bitnami/nginx").1, 0)
        XCTAssertEqual(run(s, "helm get values web").0, "USER-SUPPLIED VALUES:\nservice:\n  type: ClusterIP\n")
        XCTAssertEqual(run(s, "helm upgrade web bitnami/nginx --set replicaCount=2").1, 0)
        XCTAssertEqual(run(s, "helm get values web").0, "USER-SUPPLIED VALUES:\nreplicaCount: 2\n")
        let svc = try? s.currentCluster!.api.get(s.currentCluster!.registry.lookup(kind: "Service")!, namespace: "default", name: "web-nginx")
        XCTAssertEqual(svc?[path: "spec", "type"], "LoadBalancer")
    }

    func testInstallRefusesObjectsItDoesNotOwnAndMissingNamespaces() {
        let s = ShellSession.withDefaultCluster(cwd: dir)
        _ = run(s, "helm repo add bitnami https://charts.bitnami.com/bitnami")
        _ = run(s, "kubectl create deployment web-nginx --image=nginx")
        let (out, status) = run(s, "helm install web bitnami/nginx")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(out.hasPrefix("Error: INSTALLATION FAILED: Unable to continue with install: Deployment \"web-nginx\" in namespace \"default\" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key \"app.kubernetes.io/managed-by\": must be set to \"Helm\""), out)
        XCTAssertEqual(run(s, "helm install a bitnami/nginx -n nowhere").0,
                       "Error: INSTALLATION FAILED: create: failed to create: namespaces \"nowhere\" not found\n")
        XCTAssertEqual(run(s, "helm install a bitnami/nginx -n team --create-namespace").1, 0)
        XCTAssertTrue(run(s, "helm list -A").0.contains("a   \tteam     \t1"))
        XCTAssertEqual(run(s, "helm install Bad_Name bitnami/nginx").1, 1)
    }
}
