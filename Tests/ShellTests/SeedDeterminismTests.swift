import Foundation
import TestSupport
import XCTest

/// The same seed gives the same transcript byte for byte (names, IPs, node placement, restarts, events), in
/// one process and across sessions; another seed gives other generated names.
final class SeedDeterminismTests: XCTestCase {
    private func script(seed: Int) -> String {
        """
        # seed: \(seed)
        $ kubectl create deployment web --image=nginx:1.25 --replicas=4
        $ kubectl create deployment crash --image=busybox:1.36 -- sh -c 'echo starting; exit 1'
        $ kubectl expose deployment web --port=80 --type=LoadBalancer
        $ sleep 90
        $ kubectl get pods -o wide
        $ kubectl get svc web
        $ kubectl set image deployment/web nginx=nginx:1.26
        $ kubectl rollout status deployment/web
        $ kubectl get events --sort-by=.lastTimestamp
        $ kubectl describe pod -l app=crash
        """
    }

    func testSameSeedSameBytes() throws {
        let cwd = FileManager.default.temporaryDirectory
        let first = Transcript.render(script(seed: 42), cwd: cwd)
        let second = Transcript.render(script(seed: 42), cwd: cwd)
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.contains("CrashLoopBackOff"), first)
        XCTAssertTrue(first.contains("successfully rolled out"), first)
        let other = Transcript.render(script(seed: 43), cwd: cwd)
        XCTAssertNotEqual(first, other, "another seed should draw other pod names")
    }
}
