// `kubetutor progress show`: progress as text, in course order when the course is known.

public enum ProgressReport {
    public static func text(_ p: CourseProgress, course: Course?) -> String {
        var lines: [String] = []
        let ids = course?.orderedLessons.map(\.id).filter { p.lessons[$0] != nil } ?? p.lessons.keys.sorted()
        let done = p.lessons.values.filter(\.completed).count
        lines.append("Lessons completed: \(done)" + (course.map { " of \($0.lessons.count)" } ?? ""))
        if let c = p.currentLesson { lines.append("Current lesson: \(c)") }
        let total = p.lessons.values.map(\.secondsSpent).reduce(0, +)
        lines.append("Time spent: \(Int(total / 60)) min")
        for id in ids {
            guard let r = p.lessons[id] else { continue }
            let title = course?.lessons[id]?.title ?? id
            let state = r.completed ? (r.completedWithHelp ? "done with help" : "done") : "started"
            var line = "  \(title): \(state)"
            if let tasks = course?.lessons[id]?.tasks.count, tasks > 0 { line += ", \(r.tasksDone.count)/\(tasks) tasks" }
            for (qid, q) in r.quizzes.sorted(by: { $0.key < $1.key }) {
                line += ", quiz \(qid) \(q.bestScore)/\(q.total)\(q.passed ? " passed" : "") (\(q.attempts) attempt\(q.attempts == 1 ? "" : "s"))"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
