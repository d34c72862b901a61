// Where the built-in course lives when no folder is named: $KUBETUTOR_LESSONS, else a `Lessons/course.yaml`
// found walking up from the executable (a build inside the repository) or from the current folder.
import Foundation

public enum LessonsFolder {
    public static func builtIn(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let dir = environment["KUBETUTOR_LESSONS"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let fm = FileManager.default
        let starts = [URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent(),
                      URL(fileURLWithPath: fm.currentDirectoryPath)]
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Lessons")
                if fm.fileExists(atPath: candidate.appendingPathComponent("course.yaml").path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
