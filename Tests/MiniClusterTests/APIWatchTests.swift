import MiniCluster
import XCTest

final class APIWatchTests: XCTestCase {
    func testWatchFromRevisionWithSelector() throws {
        let f = APIFixture()
        let cm = f.type("ConfigMap")
        let start = f.api.store.revision
        try f.make("ConfigMap", "a", labels: ["app": "web"])
        try f.make("ConfigMap", "b", labels: ["app": "db"])
        try f.api.patch(cm, namespace: nil, name: "b", patch: ["metadata": ["labels": ["app": "web"]]], type: .merge)
        try f.api.patch(cm, namespace: nil, name: "a", patch: ["metadata": ["labels": ["app": "other"]]], type: .merge)
        try f.api.delete(cm, namespace: nil, name: "b")
        let all = f.api.watch(cm, namespace: "default", fromRevision: start)
        XCTAssertEqual(all.map { "\($0.type.rawValue) \($0.object.metadataName)" },
                       ["ADDED a", "ADDED b", "MODIFIED b", "MODIFIED a", "DELETED b"])
        let web = try f.api.watch(cm, namespace: nil, labelSelector: "app=web", fromRevision: start)
        XCTAssertEqual(web.map { "\($0.type.rawValue) \($0.object.metadataName)" },
                       ["ADDED a", "ADDED b", "DELETED a", "DELETED b"], "entering and leaving the selection")
        XCTAssertEqual(f.api.watch(cm, namespace: "kube-system", fromRevision: start).count, 0)
        let last = all.last?.revision ?? 0
        XCTAssertEqual(f.api.watch(cm, namespace: nil, fromRevision: last).count, 0)
    }

    func testObserversSeeEveryChange() throws {
        let f = APIFixture()
        var seen: [String] = []
        f.api.store.observe { e in if e.resource.kind == "Secret" { seen.append("\(e.type.rawValue) \(e.object.metadataName)") } }
        try f.make("Secret", "s")
        try f.api.delete(f.type("Secret"), namespace: nil, name: "s")
        XCTAssertEqual(seen, ["ADDED s", "DELETED s"])
    }
}
