// Artifact Registry's answer to a docker push, by host, path, credentials and the repositories that exist.
import MiniCluster
import XCTest

final class ArtifactRegistryTests: XCTestCase {
    func testPushRefusals() {
        let t0 = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        let cloud = GoogleCloud()
        cloud.addRepository(ArtifactRepository(project: "p", location: "us-central1", name: "apps", format: "DOCKER", createTime: t0))
        func refusal(_ registry: String, _ path: String, authenticated: Bool = true) -> String? {
            cloud.pushRefusal(registry: registry, path: path, authenticated: authenticated)
        }
        XCTAssertNil(refusal("us-central1-docker.pkg.dev", "p/apps/web"))
        XCTAssertNil(refusal("us-central1-docker.pkg.dev", "p/apps/team/web"), "images may sit in folders")
        XCTAssertNil(refusal("gcr.io", "p/web", authenticated: false), "only Artifact Registry's hosts are judged")
        XCTAssertEqual(refusal("us-central1-docker.pkg.dev", "p/apps/web", authenticated: false),
                       "denied: Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.uploadArtifacts\" on resource \"projects/p/locations/us-central1/repositories/apps\" (or it may not exist)")
        XCTAssertEqual(refusal("us-central1-docker.pkg.dev", "p/other/web"), "name unknown: Repository \"other\" not found")
        XCTAssertEqual(refusal("europe-west1-docker.pkg.dev", "p/apps/web"), "name unknown: Repository \"apps\" not found",
                       "a repository lives in one location")
        XCTAssertEqual(refusal("us-central1-docker.pkg.dev", "p/web")?.hasPrefix("name invalid:"), true)
        XCTAssertEqual(ArtifactRegistry.location(ofDockerHost: "asia-docker.pkg.dev"), "asia")
        XCTAssertNil(ArtifactRegistry.location(ofDockerHost: "docker.io"))
    }

    func testPushesCountInTheRepositorysSize() {
        let cloud = GoogleCloud()
        let t0 = Timestamp(rfc3339: "2026-11-26T09:00:00Z")!
        cloud.addRepository(ArtifactRepository(project: "p", location: "us", name: "apps", format: "DOCKER", createTime: t0))
        cloud.notePush(registry: "us-docker.pkg.dev", path: "p/apps/web", bytes: 1_000, at: t0 + .seconds(5))
        cloud.notePush(registry: "us-docker.pkg.dev", path: "p/nope/web", bytes: 7, at: t0 + .seconds(6))
        let r = cloud.repository(named: "apps", project: "p", location: "us")
        XCTAssertEqual(r?.sizeBytes, 1_000)
        XCTAssertEqual(r?.updateTime, t0 + .seconds(5))
        XCTAssertEqual(r?.createTime, t0)
    }
}
