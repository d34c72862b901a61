import MiniCluster
import XCTest

/// The image catalog and pulls: names, tags, containerd's failure wording, per-node caching.
final class RuntimeCatalogTests: XCTestCase {
    func testReferencesNormaliseLikeContainerd() throws {
        let cases: [(String, String)] = [
            ("nginx", "docker.io/library/nginx:latest"), ("nginx:1.14.2", "docker.io/library/nginx:1.14.2"),
            ("library/redis:7", "docker.io/library/redis:7"), ("gcr.io/google-samples/hello-app:1.0", "gcr.io/google-samples/hello-app:1.0"),
            ("localhost:5000/app", "localhost:5000/app:latest"), ("ealen/echo-server", "docker.io/ealen/echo-server:latest"),
        ]
        for (input, want) in cases {
            XCTAssertEqual(try ImageReference.parse(input).get().canonical, want, input)
        }
        XCTAssertEqual(ImageCatalog().resolve("Nginx").failureMessage,
                       "couldn't parse image name \"Nginx\": invalid reference format: repository name must be lowercase")
    }

    func testUnknownTagAndRepositoryFailAsContainerdSaysIt() {
        let c = ImageCatalog()
        XCTAssertEqual(c.resolve("nginx:nope").failureMessage,
                       "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:nope\": failed to resolve reference \"docker.io/library/nginx:nope\": docker.io/library/nginx:nope: not found")
        XCTAssertEqual(c.resolve("nginxx").failureMessage,
                       "rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/nginxx:latest\": failed to resolve reference \"docker.io/library/nginxx:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
        XCTAssertNil(c.resolve("k8s.gcr.io/busybox").failureMessage, "k8s.gcr.io is served by registry.k8s.io")
        XCTAssertNil(c.resolve("registry.k8s.io/e2e-test-images/agnhost:2.39").failureMessage)
        XCTAssertNil(c.resolve("us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0").failureMessage)
    }

    func testOfficialDataStoresAlsoAnswerToTheirFullVersions() throws {
        let c = ImageCatalog()
        for (image, version) in [("cassandra:5.0", "5.0.2"), ("cassandra:5.0.2", "5.0.2"), ("redis:7.4.1", "7.4.1"),
                                 ("redis:7.2.6", "7.2.6"), ("mysql:8.0.40", "8.0.40"), ("mongo:7.0", "7.0.15"),
                                 ("postgres:16.6", "16.6"), ("redis:7", "7.4.1")] {
            XCTAssertEqual(try c.resolve(image).get().tag.version, version, image)
        }
        // Only versions the list names: a patch release it does not know is still unknown.
        XCTAssertNotNil(c.resolve("redis:7.4.2").failureMessage)
        XCTAssertNotNil(c.resolve("cassandra:5.1").failureMessage)
    }

    func testDigestsAreStableAndPinTags() throws {
        let d = ImageCatalog.digest("docker.io/library/nginx", "1.25")
        XCTAssertEqual(d, ImageCatalog.digest("docker.io/library/nginx", "1.25"))
        XCTAssertEqual(d.count, 71)
        XCTAssertEqual(try ImageCatalog().resolve("nginx@\(d)").get().tag.version, "1.25.5")
    }

    func testPullsAreCachedPerNode() {
        let rt = SimulatedRuntime()
        let t0 = Timestamp(seconds: 1000)
        guard case .pulled(let took, let size, false) = rt.pull(image: "nginx:1.25", policy: "IfNotPresent", node: "a", now: t0) else {
            return XCTFail("first pull")
        }
        XCTAssertGreaterThan(took.ms, 2000)
        XCTAssertLessThan(took.ms, 6000)
        XCTAssertEqual(size, 70_991_218)
        XCTAssertEqual(rt.pull(image: "nginx:1.25", policy: "IfNotPresent", node: "a", now: t0 + took),
                       .pulled(took: .milliseconds(0), size: size, cached: true))
        if case .pulled(let again, _, false) = rt.pull(image: "nginx:1.25", policy: "Always", node: "a", now: t0 + took) {
            XCTAssertLessThan(again.ms, 1000)
        } else { XCTFail("Always re-checks") }
        if case .pulled(_, _, true) = rt.pull(image: "nginx:1.25", policy: "IfNotPresent", node: "b", now: t0 + took) {
            XCTFail("another node has its own cache")
        }
        XCTAssertEqual(rt.pull(image: "redis", policy: "Never", node: "a", now: t0),
                       .failed("Container image \"redis\" is not present with pull policy of Never"))
    }
}

extension Result where Failure == ImagePullError {
    var failureMessage: String? { if case .failure(let e) = self { return e.message }; return nil }
}
