// A task may ask for something to happen while it is the current one ("delete a Pod and watch it come back"):
// `count … since: task` counts only what was created after the task began. The moment is kept in the progress
// record, so it survives resuming.
import Course
import MiniCluster
import Shell
import XCTest

final class TaskBeganTests: XCTestCase {
    private var dirs: [URL] = []
    override func tearDown() { for d in dirs { try? FileManager.default.removeItem(at: d) } }

    private func workspace() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-began-\(UUID().uuidString)")
        dirs.append(d)
        return d
    }

    private func lesson() throws -> Lesson { try CourseFixtures.lesson("replicasets-and-deployments") }

    /// The bug this guards against: with more Pods made earlier (a rollout and back), scaling alone ticked the
    /// task that asks for a deleted Pod to be replaced.
    func testScalingAfterARolloutDoesNotPassTheReplacementTask() throws {
        let s = LessonSession(lesson: try lesson(), workspace: workspace(), record: nil)
        s.run("kubectl create deployment web --image=nginx:1.26 --replicas=3", output: Output())
        _ = s.check()
        XCTAssertEqual(s.currentTask?.id, "scale")
        for image in ["nginx:1.27", "nginx:1.26"] {
            s.run("kubectl set image deployment/web nginx=\(image)", output: Output())
            _ = s.letTimePass(.seconds(60))
        }
        s.run("kubectl scale deployment web --replicas=5", output: Output())
        _ = s.check()
        XCTAssertEqual(s.currentTask?.id, "self-healing")
        _ = s.letTimePass(.seconds(30))
        XCTAssertEqual(s.currentTask?.id, "self-healing", "no Pod was deleted, yet the task passed")
        let began = try XCTUnwrap(s.record.taskBegan?["self-healing"])
        XCTAssertLessThanOrEqual(began, s.session.currentCluster!.now.ms)
        XCTAssertNotNil(s.record.taskBegan?["create-deployment"])

        // Resumed, the task keeps the moment it began; deleting a Pod then passes it.
        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: s.record)
        XCTAssertEqual(resumed.record.taskBegan?["self-healing"], began)
        XCTAssertEqual(resumed.currentTask?.id, "self-healing")
        resumed.run("kubectl delete pod -l app=web --field-selector spec.nodeName=gke-kubetutor-default-pool-eb8e9ad5-4muu", output: Output())
        _ = resumed.check()
        XCTAssertEqual(resumed.currentTask?.id, "drain")
    }

    /// Progress written before `taskBegan` existed still loads; its current task begins when it is resumed.
    func testARecordWithoutBeginningsResumes() throws {
        let s = LessonSession(lesson: try lesson(), workspace: workspace(), record: nil)
        s.run("kubectl create deployment web --image=nginx:1.26 --replicas=3", output: Output())
        var old = s.record
        old.taskBegan = nil
        let json = try JSONEncoder().encode(old)
        XCTAssertFalse(String(decoding: json, as: UTF8.self).contains("taskBegan"))
        let decoded = try JSONDecoder().decode(LessonProgress.self, from: json)
        let resumed = LessonSession(lesson: try lesson(), workspace: workspace(), record: decoded)
        XCTAssertEqual(resumed.record.taskBegan?["create-deployment"], resumed.session.currentCluster!.now.ms)
    }
}
