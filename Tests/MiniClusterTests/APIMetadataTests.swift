import MiniCluster
import XCTest

final class APIMetadataTests: XCTestCase {
    /// An API server whose Deployment kind counts generations and rejects negative replicas.
    private func serverWithGenerations() throws -> (APIServer, ResourceType) {
        let registry = ResourceRegistry()
        let deploy = registry.lookup(kind: "Deployment")!
        let spec = KindSpec(type: deploy, hasGeneration: true, validate: { obj, _ in
            (obj[path: "spec", "replicas"]?.intValue ?? 0) < 0 ? [FieldError(.invalid, "spec.replicas", "-1", "must be greater than or equal to 0")] : []
        })
        let api = APIServer(registry: registry, kinds: KindCatalog([spec]), store: Store(),
                            clock: VirtualClock(start: Timestamp(seconds: 1_000)), random: SeededRandom(seed: 3))
        try api.create(registry.lookup(kind: "Namespace")!, ["metadata": ["name": "default"]], namespace: nil)
        return (api, deploy)
    }

    func testCreateStampsServerMetadata() throws {
        let (api, deploy) = try serverWithGenerations()
        let d = try api.create(deploy, ["metadata": ["name": "web", "uid": "forged", "generation": 7], "spec": ["replicas": 1]], namespace: nil)
        XCTAssertEqual(d.apiVersion, "apps/v1")
        XCTAssertEqual(d.kind, "Deployment")
        XCTAssertEqual(d.metadataNamespace, "default")
        XCTAssertNotEqual(d.uid, "forged")
        XCTAssertEqual(d.uid.count, 36)
        XCTAssertEqual(d[path: "metadata", "generation"], 1)
        XCTAssertEqual(d[path: "metadata", "creationTimestamp"], "1970-01-01T00:16:40Z")
        XCTAssertEqual(d[path: "metadata", "resourceVersion"], .string(String(api.store.revision)))
    }

    func testCreateErrors() throws {
        let (api, deploy) = try serverWithGenerations()
        try api.create(deploy, ["metadata": ["name": "web"]], namespace: nil)
        XCTAssertAPIError(try api.create(deploy, ["metadata": ["name": "web"]], namespace: nil), .alreadyExists,
                          "deployments.apps \"web\" already exists")
        XCTAssertAPIError(try api.create(deploy, ["metadata": ["name": "x", "resourceVersion": "5"]], namespace: nil),
                          .badRequest, "resourceVersion should not be set on objects to be created")
        XCTAssertAPIError(try api.create(deploy, ["metadata": ["name": "x", "namespace": "a"]], namespace: "b"),
                          .badRequest, "the namespace of the provided object does not match the namespace sent on the request")
        XCTAssertAPIError(try api.create(deploy, ["metadata": [:]], namespace: nil), .invalid,
                          "Deployment.apps \"\" is invalid: metadata.name: Required value: name or generateName is required")
        XCTAssertAPIError(try api.create(deploy, ["metadata": ["name": "x"], "spec": ["replicas": -1]], namespace: nil), .invalid,
                          "Deployment.apps \"x\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0")
        let g = try api.create(deploy, ["metadata": ["generateName": "web-"]], namespace: nil)
        XCTAssertTrue(g.metadataName.hasPrefix("web-"))
        XCTAssertEqual(g.metadataName.count, 9)
    }

    func testUpdateRules() throws {
        let (api, deploy) = try serverWithGenerations()
        let d = try api.create(deploy, ["metadata": ["name": "web"], "spec": ["replicas": 1]], namespace: nil)

        var labelled = d
        labelled[path: "metadata", "labels"] = ["a": "b"]
        labelled[path: "metadata", "creationTimestamp"] = "2000-01-01T00:00:00Z"
        let u1 = try api.update(deploy, labelled, namespace: nil)
        XCTAssertEqual(u1[path: "metadata", "generation"], 1, "metadata changes keep the generation")
        XCTAssertEqual(u1[path: "metadata", "creationTimestamp"], d[path: "metadata", "creationTimestamp"])
        XCTAssertEqual(u1.uid, d.uid)

        var scaled = u1
        scaled[path: "spec", "replicas"] = 3
        let u2 = try api.update(deploy, scaled, namespace: nil)
        XCTAssertEqual(u2[path: "metadata", "generation"], 2, "spec changes bump the generation")

        XCTAssertAPIError(try api.update(deploy, scaled, namespace: nil), .conflict,
                          "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again")
        var forged = u2
        forged[path: "metadata", "uid"] = "other"
        XCTAssertAPIError(try api.update(deploy, forged, namespace: nil), .invalid,
                          "Deployment.apps \"web\" is invalid: metadata.uid: Invalid value: \"other\": field is immutable")
        var noRV = u2
        noRV.remove(path: ["metadata", "resourceVersion"])
        noRV[path: "spec", "replicas"] = 5
        XCTAssertEqual(try api.update(deploy, noRV, namespace: nil)[path: "metadata", "generation"], 3, "no resourceVersion: unconditional")
        var missing = u2
        missing[path: "metadata", "name"] = "nope"
        XCTAssertAPIError(try api.update(deploy, missing, namespace: nil), .notFound, "deployments.apps \"nope\" not found")
    }

    func testDryRunStoresNothing() throws {
        let f = APIFixture()
        let rev = f.api.store.revision
        let cm = try f.api.create(f.type("ConfigMap"), ["metadata": ["name": "c"]], namespace: nil, dryRun: true)
        XCTAssertEqual(cm.metadataName, "c")
        XCTAssertFalse(f.exists("ConfigMap", "c"))
        let real = try f.make("ConfigMap", "c")
        var changed = real
        changed["data"] = ["k": "v"]
        _ = try f.api.update(f.type("ConfigMap"), changed, namespace: nil, dryRun: true)
        _ = try f.api.patch(f.type("ConfigMap"), namespace: nil, name: "c", patch: ["data": ["x": "y"]], type: .merge, dryRun: true)
        _ = try f.api.delete(f.type("ConfigMap"), namespace: nil, name: "c", dryRun: true)
        XCTAssertEqual(try f.api.get(f.type("ConfigMap"), namespace: nil, name: "c"), real)
        XCTAssertEqual(f.api.store.revision, rev + 1)
    }
}

final class APIStatusTests: XCTestCase {
    func testUpdateAndPatchKeepStatusUpdateStatusWritesIt() throws {
        let f = APIFixture()
        let pods = f.type("Pod")
        try f.make("Pod", "p", extra: ["status": ["phase": "Pending"]])
        var edited = try f.api.get(pods, namespace: nil, name: "p")
        edited[path: "status", "phase"] = "Running"
        edited[path: "metadata", "labels"] = ["a": "b"]
        let u = try f.api.update(pods, edited, namespace: nil)
        XCTAssertEqual(u[path: "status", "phase"], "Pending")
        XCTAssertEqual(u.labels, ["a": "b"])
        let p = try f.api.patch(pods, namespace: nil, name: "p", patch: ["status": ["phase": "Failed"]], type: .merge)
        XCTAssertEqual(p[path: "status", "phase"], "Pending")
        let s = try f.api.updateStatus(pods, namespace: nil, name: "p", status: ["phase": "Running"])
        XCTAssertEqual(s[path: "status", "phase"], "Running")
        XCTAssertEqual(s.labels, ["a": "b"])
    }
}
