@testable import MiniCluster
import XCTest

/// The status parts the kubelets keep for the next pod (session 10) are the parts built afresh, byte for byte, over
/// random sequences of inputs that repeat, change, or are spelled differently but canonically equal.
final class StatusPartsTests: XCTestCase {
    private let spellings = ["ContainerCreating", "PodInitializing", "K", "\u{212A}", "caf\u{E9}", "cafe\u{301}", ""]

    func testWaitingAndRunningStatesAreTheOnesBuilt() {
        var g = SeededRandom(seed: 101)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let parts = PodStatusParts()
        for i in 0..<3_000 {
            let reason = pick(spellings), message = pick([nil, "back-off", "K", "\u{212A}"] as [String?])
            XCTAssertTrue(parts.waitingState(reason, message)
                .isIdentical(to: PodStatusBuilder.makeWaiting(reason: reason, message: message)), "\(i): \(reason) \(String(describing: message))")
            let since = pick(["2024-05-01T10:00:00Z", "2024-05-01T10:00:01Z", "\u{212A}", "K"])
            XCTAssertTrue(parts.runningState(since: since).isIdentical(to: PodStatusBuilder.makeRunning(since: since)), since)
        }
    }

    /// A container's status kept from the pod's last write while it has no instance is the one built afresh, over
    /// random changes of what it shows (restarts, readiness, image, state, last state).
    func testUnstartedStatusIsTheOneBuilt() {
        var g = SeededRandom(seed: 102)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let parts = PodStatusParts()
        let specs: [Value] = [["name": "web", "image": "nginx:1.25"],
                              ["name": "web", "image": "caf\u{E9}", "volumeMounts": [["name": "a", "mountPath": "/a"]]],
                              ["name": "\u{212A}", "image": "K", "volumeMounts": [["name": "K", "mountPath": "/a", "readOnly": true]]]]
        let lasts: [Value] = [.emptyObject, ["terminated": ["exitCode": 1]], ["terminated": ["exitCode": 2]]]
        var kept = 0
        for _ in 0..<20 {
            let slot = ContainerSlot(spec: pick(specs), isInit: false)
            var previous: Value?
            for i in 0..<150 {
                switch g.next() % 8 {
                case 0: slot.restartCount = Int(g.next() % 2)
                case 1: slot.spec["image"] = .string(pick(["nginx:1.25", "caf\u{E9}", "cafe\u{301}"]))
                default: break
                }
                let state = pick([parts.waitingState("ContainerCreating", nil), PodStatusBuilder.makeWaiting(reason: "K", message: nil),
                                  PodStatusBuilder.makeWaiting(reason: "\u{212A}", message: nil)])
                let last = pick(lasts), ready = g.next() % 4 == 0, started = g.next() % 4 == 0
                let shown = slot.unstartedStatus(last: last, ready: ready, started: started, state: state)
                let built = PodStatusBuilder.containerStatus(id: nil, image: slot.image, imageID: "", last: last, name: slot.name,
                                                             ready: ready, restartCount: slot.restartCount, started: started,
                                                             state: state, mounts: PodStatusBuilder.statusMounts(slot.spec))
                XCTAssertTrue(shown.isIdentical(to: built), "\(i): \(built)")
                if let previous, Value.sameStorage(previous.objectValue!.values, shown.objectValue!.values) { kept += 1 }
                previous = shown
            }
        }
        XCTAssertGreaterThan(kept, 50)
    }

    /// The container status as the builder made it before these parts: one literal object.
    func testContainerStatusFromFieldsIsTheLiteralObject() {
        let state = PodStatusBuilder.makeWaiting(reason: "CrashLoopBackOff", message: "back-off 10s")
        XCTAssertTrue(state.isIdentical(to: ["waiting": ["message": "back-off 10s", "reason": "CrashLoopBackOff"]]))
        XCTAssertTrue(PodStatusBuilder.makeRunning(since: "T").isIdentical(to: ["running": ["startedAt": "T"]]))
        let mounts: [Value] = [["mountPath": "/a", "name": "a"]]
        let s = PodStatusBuilder.containerStatus(id: "containerd://1", image: "i", imageID: "d", last: .emptyObject, name: "n",
                                                 ready: true, restartCount: 2, started: false, state: state, mounts: mounts)
        XCTAssertTrue(s.isIdentical(to: ["containerID": "containerd://1", "image": "i", "imageID": "d", "lastState": .emptyObject,
                                         "name": "n", "ready": true, "restartCount": 2, "started": false, "state": state,
                                         "volumeMounts": .array(mounts)]))
        XCTAssertTrue(PodStatusBuilder.addresses("10.8.0.2").isIdentical(to: [["ip": "10.8.0.2"]]))
    }

    /// The image facts kept per name are what resolving the name gives, also after tags are pushed.
    func testImageFactsAreTheResolvedImage() {
        let catalog = ImageCatalog()
        var g = SeededRandom(seed: 103)
        let images = ["nginx:1.25", "nginx:1.14.2", "nginx", "busybox", "registry.k8s.io/pause:3.9", "docker.io/library/nginx:1.25",
                      "nginx:9.9", "Nginx", "nosuch/image", "nginx@sha256:00", "my.registry/app:1"]
        for round in 0..<600 {
            if round % 100 == 50, case .success(let base) = catalog.resolve("nginx:1.25") {
                catalog.push(repository: "docker.io/library/nginx", tag: "9.9", version: "9.9.\(round)", size: Int64(round),
                             like: base.image)
            }
            let image = images[Int(g.next() % UInt64(images.count))]
            let facts = catalog.facts(image)
            switch catalog.resolveUncached(image) {
            case .success(let r):
                XCTAssertEqual(facts.canonical, r.reference.canonical, image)
                XCTAssertEqual(facts.id, r.reference.repository + "@" + r.digest, image)
                XCTAssertEqual(facts.size, r.tag.size, image)
                XCTAssertNil(facts.invalidName, image)
                XCTAssertNil(facts.pullError, image)
            case .failure(let e):
                var invalid: String?
                if case .invalidName(let m) = e { invalid = m }
                XCTAssertEqual([facts.canonical, facts.id, facts.invalidName, facts.pullError], [nil, nil, invalid, e.message], image)
                XCTAssertEqual(facts.size, 0, image)
            }
        }
    }

    /// Nulls made by literals are the nulls `Array(repeating:count:)` makes, and each is an array of its own.
    func testNullsAreRepeatedNulls() {
        for n in 0...14 {
            var a = ObjectShape.nulls(n, .null)
            XCTAssertEqual(a, ContiguousArray(repeating: .null, count: n))
            if n > 0 {
                a[0] = 1
                XCTAssertEqual(ObjectShape.nulls(n, .null)[0], .null)
            }
        }
    }
}
