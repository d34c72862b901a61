// The chapter-1 demo as a learner types it in the plain player: a Dockerfile written with a here-document over
// several input lines, then a file written from a `docker exec -it` shell, whose prompt the player shows.
import Course
import Shell
import XCTest

final class PlainDockerLabTests: XCTestCase {
    func testHereDocumentAndAttachedShellInTheDemo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-plain-docker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let course = try XCTUnwrap(CourseLoader.load(CourseFixtures.lessons).course)
        var queue = [
            ":open demo-your-first-container",
            "cat > site/Dockerfile <<EOF", "FROM nginx:alpine", "COPY index.html /usr/share/nginx/html/", "EOF",
            "docker build -q -t hello-web:1.0 site",
            "docker run -d --name hello -p 8080:80 hello-web:1.0",
            "curl -s localhost:8080",
            "docker exec -it hello sh",
            "echo written at runtime > /usr/share/nginx/html/note.txt",
            "exit",
            ":quit",
        ]
        var prompts: [String] = []
        var text = ""
        let player = PlainPlayer(course: course, store: ProgressStore(directory: dir), write: { text += $0 }, readLine: { prompt in
            guard !queue.isEmpty else { return nil }
            prompts.append(prompt)
            return queue.removeFirst()
        }, now: { 0 })
        XCTAssertEqual(player.run(), 0)
        XCTAssertEqual(Array(prompts[1...5]), ["$ ", "> ", "> ", "> ", "$ "], "the here-document continues over three lines")
        XCTAssertEqual(prompts[9], "/ # ", "the container's shell prompt")
        XCTAssertEqual(prompts[10], "/ # ")
        XCTAssertEqual(prompts[11], "$ ", "back on the learner's machine after exit")
        XCTAssertTrue(text.contains("✓ Task 1 done: Write a Dockerfile and build the image"), text)
        XCTAssertTrue(text.contains("<h1>Hello from my first container!</h1>"))
        XCTAssertTrue(text.contains("✓ Task 4 done: Write a file inside the running container"), text)
    }
}
