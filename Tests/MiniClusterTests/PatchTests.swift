import MiniCluster
import XCTest

final class PatchTests: XCTestCase {
    func testJSONMergePatchRFC7386Examples() {
        // The RFC's appendix A table, a few rows.
        let cases: [(Value, Value, Value)] = [
            (["a": "b"], ["a": "c"], ["a": "c"]),
            (["a": "b"], ["b": "c"], ["a": "b", "b": "c"]),
            (["a": "b"], ["a": nil], [:]),
            (["a": ["b"]], ["a": "c"], ["a": "c"]),
            (["a": [["b": "c"]]], ["a": [1]], ["a": [1]]),
            (["a": ["b": "c"]], ["a": ["b": "d", "c": nil]], ["a": ["b": "d"]]),
            ([:], ["a": ["bb": ["ccc": nil]]], ["a": ["bb": [:]]]),
            (["e": nil], ["a": 1], ["e": nil, "a": 1]),
        ]
        for (doc, patch, want) in cases {
            XCTAssertEqual(JSONMergePatch.apply(patch, to: doc), want, "\(patch)")
        }
    }

    func testJSONPatchOperations() throws {
        let doc: Value = ["a": ["b": 1, "c": [1, 2]], "x/y": "s"]
        let cases: [(Value, Value)] = [
            ([["op": "add", "path": "/a/d", "value": 3]], ["a": ["b": 1, "c": [1, 2], "d": 3], "x/y": "s"]),
            ([["op": "add", "path": "/a/c/-", "value": 3]], ["a": ["b": 1, "c": [1, 2, 3]], "x/y": "s"]),
            ([["op": "add", "path": "/a/c/0", "value": 0]], ["a": ["b": 1, "c": [0, 1, 2]], "x/y": "s"]),
            ([["op": "remove", "path": "/a/b"]], ["a": ["c": [1, 2]], "x/y": "s"]),
            ([["op": "replace", "path": "/x~1y", "value": "t"]], ["a": ["b": 1, "c": [1, 2]], "x/y": "t"]),
            ([["op": "move", "from": "/a/b", "path": "/b"]], ["a": ["c": [1, 2]], "x/y": "s", "b": 1]),
            ([["op": "copy", "from": "/a/b", "path": "/b"]], ["a": ["b": 1, "c": [1, 2]], "x/y": "s", "b": 1]),
            ([["op": "test", "path": "/a/b", "value": 1]], doc),
        ]
        for (patch, want) in cases { XCTAssertEqual(try JSONPatch.apply(patch, to: doc), want, "\(patch)") }
        for bad: Value in [[["op": "remove", "path": "/nope"]], [["op": "replace", "path": "/nope", "value": 1]],
                           [["op": "test", "path": "/a/b", "value": 2]], [["op": "add", "path": "/q/r", "value": 1]],
                           [["op": "frob", "path": "/a"]]] {
            XCTAssertAPIError(try JSONPatch.apply(bad, to: doc), .invalid, "the server rejected our request due to an error in our request")
        }
        XCTAssertAPIError(try JSONPatch.apply(["op": "add"], to: doc), .badRequest,
                          "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")
        let e = JSONPatch.apply  // keep the kubectl rendering of the generic 422 in view
        _ = e
        XCTAssertEqual(APIError(reason: .invalid, code: 422, message: "the server rejected our request due to an error in our request").kubectlMessage,
                       "The request is invalid: the server rejected our request due to an error in our request")
    }

    func testStrategicMergePatchLists() throws {
        let f = APIFixture()
        let deploy = f.type("Deployment")
        let original: Value = ["spec": ["template": ["spec": [
            "containers": [
                ["name": "web", "image": "nginx:1.25", "ports": [["containerPort": 80, "name": "http"]],
                 "env": [["name": "A", "value": "1"], ["name": "B", "value": "2"]]],
                ["name": "side", "image": "busybox"],
            ],
            "volumes": [["name": "v1", "emptyDir": [:]]],
            "tolerations": [["key": "a", "operator": "Exists"]],
        ]]], "metadata": ["finalizers": ["x"]]]
        let cases: [(String, Value, (Value) -> Void)] = [
            ("container image by name", ["spec": ["template": ["spec": ["containers": [["name": "web", "image": "nginx:1.26"]]]]]], { r in
                let cs = r[path: "spec", "template", "spec", "containers"]?.arrayValue ?? []
                XCTAssertEqual(cs.count, 2)
                XCTAssertEqual(cs[0]["image"], "nginx:1.26")
                XCTAssertEqual(cs[0]["env"]?.arrayValue?.count, 2, "untouched fields stay")
            }),
            ("new container first, as the real patcher orders it", ["spec": ["template": ["spec": ["containers": [["name": "new", "image": "redis"]]]]]], { r in
                XCTAssertEqual(r[path: "spec", "template", "spec", "containers"]?.arrayValue?.map { $0["name"] }, ["new", "web", "side"])
            }),
            ("$patch delete", ["spec": ["template": ["spec": ["containers": [["name": "side", "$patch": "delete"]]]]]], { r in
                XCTAssertEqual(r[path: "spec", "template", "spec", "containers"]?.arrayValue?.map { $0["name"] }, ["web"])
            }),
            ("env by name, ports by containerPort", ["spec": ["template": ["spec": ["containers": [["name": "web",
                "env": [["name": "B", "value": "3"], ["name": "C", "value": "4"]], "ports": [["containerPort": 80, "protocol": "TCP"]]]]]]]], { r in
                let c = r[path: "spec", "template", "spec", "containers"]?[0]
                XCTAssertEqual(c?["env"], [["name": "A", "value": "1"], ["name": "B", "value": "3"], ["name": "C", "value": "4"]])
                XCTAssertEqual(c?["ports"], [["containerPort": 80, "name": "http", "protocol": "TCP"]])
            }),
            ("tolerations replace", ["spec": ["template": ["spec": ["tolerations": [["key": "b", "operator": "Exists"]]]]]], { r in
                XCTAssertEqual(r[path: "spec", "template", "spec", "tolerations"], [["key": "b", "operator": "Exists"]])
            }),
            ("list $patch replace", ["spec": ["template": ["spec": ["volumes": [["$patch": "replace"], ["name": "v2", "emptyDir": [:]]]]]]], { r in
                XCTAssertEqual(r[path: "spec", "template", "spec", "volumes"], [["name": "v2", "emptyDir": [:]]])
            }),
            ("map $patch replace", ["spec": ["template": ["spec": ["$patch": "replace", "containers": [["name": "only"]]]]]], { r in
                XCTAssertEqual(r[path: "spec", "template", "spec"], ["containers": [["name": "only"]]])
            }),
            ("null deletes a key", ["spec": ["template": ["spec": ["tolerations": nil]]]], { r in
                XCTAssertNil(r[path: "spec", "template", "spec", "tolerations"])
            }),
            ("finalizers merge as a set", ["metadata": ["finalizers": ["y", "x"]]], { r in
                XCTAssertEqual(r[path: "metadata", "finalizers"], ["y", "x"])
            }),
            ("$deleteFromPrimitiveList", ["metadata": ["$deleteFromPrimitiveList/finalizers": ["x"]]], { r in
                XCTAssertEqual(r[path: "metadata", "finalizers"], [])
            }),
        ]
        for (name, patch, check) in cases {
            let r = try StrategicMergePatch.apply(patch, to: original, type: deploy)
            check(r)
            _ = name
        }
        XCTAssertAPIError(try StrategicMergePatch.apply(["spec": ["template": ["spec": ["containers": [["image": "x"]]]]]], to: original, type: deploy),
                          .internalError, "Internal error occurred: map: map[image:x] does not contain declared merge key: name")
        let svc = f.type("Service")
        let s = try StrategicMergePatch.apply(["spec": ["ports": [["port": 443, "targetPort": 8443]]]],
                                              to: ["spec": ["ports": [["port": 80, "targetPort": 8080]]]], type: svc)
        XCTAssertEqual(s[path: "spec", "ports"]?.arrayValue?.count, 2, "service ports merge by port")
    }

    func testAPIServerPatch() throws {
        let f = APIFixture()
        let cm = f.type("ConfigMap")
        let before = try f.make("ConfigMap", "c", labels: ["a": "1"], extra: ["data": ["k": "v"]])
        let merged = try f.api.patch(cm, namespace: "default", name: "c", patch: ["metadata": ["labels": ["b": "2"]], "data": ["k": nil]], type: .merge)
        XCTAssertEqual(merged.labels, ["a": "1", "b": "2"])
        XCTAssertEqual(merged["data"], [:])
        XCTAssertEqual(merged.uid, before.uid)
        let rv = f.api.store.revision
        let same = try f.api.patch(cm, namespace: "default", name: "c", patch: ["data": [:]], type: .strategic)
        XCTAssertEqual(f.api.store.revision, rv, "a no-op patch writes nothing")
        XCTAssertEqual(same, merged)
        let jp = try f.api.patch(cm, namespace: nil, name: "c", patch: [["op": "add", "path": "/data/z", "value": "1"]], type: .json)
        XCTAssertEqual(jp["data"], ["z": "1"])

        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "nope", patch: [:], type: .merge), .notFound, "configmaps \"nope\" not found")
        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "c", patch: ["metadata": ["name": "d"]], type: .merge), .badRequest,
                          "the name of the object (d) does not match the name on the URL (c)")
        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "c", patch: [1], type: .merge), .badRequest,
                          "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}")
        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "c", patch: "x", type: .strategic), .badRequest,
                          "json: cannot unmarshal string into Go value of type map[string]interface {}")
        XCTAssertAPIError(try f.api.patch(cm, namespace: nil, name: "c", patch: ["metadata": ["resourceVersion": "1"]], type: .merge), .conflict,
                          "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again")
    }
}
