// `kubetutor verify`: replays every lesson on a fresh engine. Each task's checks must fail before its solution
// and pass after it (letting its `within` of virtual time pass), and every quiz's key must pass its own quiz.
import Foundation
import MiniCluster
import Shell

public struct VerifyResult {
    public var lessonID: String
    public var tasks: Int
    public var tasksProven: Int
    public var quizzes: Int
    public var quizzesProven: Int
    /// Why the lesson fails verification; empty when it passes.
    public var problems: [String]
    public var passed: Bool { problems.isEmpty }
}

public enum Verifier {
    public static func verify(_ lesson: Lesson) -> VerifyResult {
        var r = VerifyResult(lessonID: lesson.id, tasks: lesson.tasks.count, tasksProven: 0,
                             quizzes: lesson.quizzes.count, quizzesProven: 0, problems: [])
        let workspace = FileManager.default.temporaryDirectory
            .appendingPathComponent("kubetutor-verify-\(getpid())-\(lesson.id)")
        defer { try? FileManager.default.removeItem(at: workspace) }
        let env = LessonEnvironment(lesson: lesson, workspace: workspace)
        if let failed = env.runSetup() {
            r.problems.append("setup command `\(failed.command)` failed (exit \(failed.status)): \(failed.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
            return r
        }
        for task in lesson.tasks {
            // Each task begins where the one before it passed, as for a learner.
            let began = env.now
            let before = env.judge(task, since: began)
            if before.allSatisfy(\.passed) {
                r.problems.append("task \(task.id): its checks already pass before the solution (a check that cannot fail)")
                break
            }
            var solutionOK = true
            for (i, cmd) in task.solution.enumerated() {
                let out = Output()
                let answers = i < task.solutionAnswers.count ? task.solutionAnswers[i] : []
                let (status, read) = env.run(cmd, answers: answers, output: out)
                if i < task.solutionFails.count, task.solutionFails[i] {
                    if status == 0 {
                        r.problems.append("task \(task.id): solution command `\(cmd)` should fail (it is marked fails:) but exited 0")
                        solutionOK = false
                        break
                    }
                } else if status != 0 {
                    r.problems.append("task \(task.id): solution command `\(cmd)` failed (exit \(status)): \(out.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
                    solutionOK = false
                    break
                }
                if read < answers.count {
                    r.problems.append("task \(task.id): solution command `\(cmd)` asked \(read) question(s) but the solution answers \(answers.count)")
                    solutionOK = false
                    break
                }
            }
            guard solutionOK else { break }
            var after = env.judge(task, since: began)
            var waited: Int64 = 0
            let limit = task.within?.ms ?? 0
            while !after.allSatisfy(\.passed), waited < limit {
                let step = min(1000, limit - waited)
                env.session.advanceClusters(by: Duration(ms: step))
                waited += step
                after = env.judge(task, since: began)
            }
            let failing = zip(task.checks, after).filter { !$0.1.passed }
            if !failing.isEmpty {
                let reasons = failing.map { c, o -> String in
                    if case .fail(let why) = o { return "line \(c.line): \(why)" }
                    return ""
                }
                r.problems.append("task \(task.id): after its solution\(limit > 0 ? " and \(limit / 1000)s" : ""), checks still fail: \(reasons.joined(separator: "; "))")
                break
            }
            r.tasksProven += 1
        }
        for quiz in lesson.quizzes {
            let keyScore = quiz.questions.filter { q in q.keyAnswer.map(q.grade) ?? false }.count
            if keyScore < quiz.questions.count || keyScore < quiz.pass {
                r.problems.append("quiz \(quiz.id): its own answer key scores \(keyScore) of \(quiz.questions.count)")
            } else if quiz.pass > quiz.questions.count {
                r.problems.append("quiz \(quiz.id): pass mark \(quiz.pass) is more than its \(quiz.questions.count) questions")
            } else {
                r.quizzesProven += 1
            }
        }
        return r
    }

    /// The summary table printed after verifying.
    public static func table(_ results: [VerifyResult]) -> String {
        let w = max(6, results.map(\.lessonID.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
        var lines = [pad("LESSON", w) + "   TASKS   QUIZZES   RESULT"]
        for r in results {
            lines.append(pad(r.lessonID, w) + "   " + pad("\(r.tasksProven)/\(r.tasks)", 5) + "   "
                         + pad("\(r.quizzesProven)/\(r.quizzes)", 7) + "   " + (r.passed ? "ok" : "FAILED"))
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count) lessons verified, \(failed) failed")
        return lines.joined(separator: "\n") + "\n"
    }
}
