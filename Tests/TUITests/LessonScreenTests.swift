import Course
import Foundation
import TUI
import XCTest

/// The lesson page on the in-memory terminal: panes, the prompt, tasks turning ✓, layout, resize, overlays.
final class LessonScreenTests: XCTestCase {
    private func openLab(width: Int = 100, height: Int = 30) throws -> Harness {
        let h = try Harness(width: width, height: height)
        h.press(.down, .enter)
        return h
    }

    func testPanesShowReadingTasksWithReasonsAndAPrompt() throws {
        let h = try openLab()
        let text = h.text
        XCTAssertTrue(text.contains("Reading"), text)
        XCTAssertTrue(text.contains("Forget Containers, Meet Pods!"), text)
        XCTAssertTrue(text.contains("Tasks 0/4"), text)
        XCTAssertTrue(text.contains("✗ 1. Run your first Pod"), text)
        XCTAssertTrue(text.contains("    there is no pod named web in namespace default"), text)
        XCTAssertTrue(text.contains("○ 2. Label it"), text)
        let promptRow = try XCTUnwrap(h.row(containing: "kubetutor:~$"))
        XCTAssertTrue(promptRow.dropLast().trimmingCharacters(in: .whitespaces).hasSuffix("kubetutor:~$"), promptRow)
        XCTAssertTrue(h.screen.line(29).contains("F1 help  F2 hint  F4 check"), h.screen.line(29))
        let cursor = try XCTUnwrap(h.screen.cursor)
        XCTAssertTrue(h.screen.line(cursor.y).contains("kubetutor:~$"))
    }

    func testACommandRunsItsOutputShowsAndTheTaskTurnsDone() throws {
        let h = try openLab()
        h.run("kubectl run web --image=nginx")
        XCTAssertTrue(h.text.contains("pod/web created"), h.text)
        XCTAssertTrue(h.text.contains("✓ 1. Run your first Pod"), h.text)
        XCTAssertTrue(h.text.contains("✓ Task 1 done: Run your first Pod"), h.text)
        XCTAssertTrue(h.text.contains("Tasks 1/4"), h.text)
        h.run("kubectl get pod nope")
        XCTAssertTrue(h.text.contains("Error from server (NotFound): pods \"nope\" not found"), h.text)
        let err = try XCTUnwrap(h.screen.lines.firstIndex { $0.contains("(NotFound)") })
        let x = h.screen.line(err).range(of: "Error")!.lowerBound.utf16Offset(in: h.screen.line(err))
        XCTAssertEqual(h.screen[x, err].style.fg, .red)
    }

    /// The footer offers what the lesson has: a lab with a quiz shows hint, check and quiz; a reading without
    /// tasks or quiz shows neither.
    func testTheFooterOffersOnlyWhatTheLessonHas() throws {
        let lab = try openLab(width: 120)
        XCTAssertTrue(lab.screen.line(29).contains("F2 hint  F4 check  F5 cluster  F6 quiz"), lab.screen.line(29))
        let h = try Harness(width: 100, height: 30)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Reading"), h.text)
        XCTAssertFalse(h.screen.line(29).contains("hint"), h.screen.line(29))
        XCTAssertFalse(h.screen.line(29).contains("quiz"), h.screen.line(29))
        XCTAssertTrue(h.screen.line(29).contains("F1 help"), h.screen.line(29))
    }

    func testOurNotesWrapBetweenWordsAndKeepAColumnBeforeTheBorder() throws {
        let h = try openLab()
        let words = (1...40).map { "note\($0)" }
        h.app.lesson?.terminal.say(words.joined(separator: " "), .info)
        h.draw()
        let rows = h.screen.lines.filter { $0.contains("note") }
        XCTAssertGreaterThan(rows.count, 2, h.text)
        for row in rows {
            let chars = Array(row)
            let border = try XCTUnwrap(chars.lastIndex(of: "│"), row)
            XCTAssertEqual(chars[border - 1], " ", row)
            XCTAssertEqual(chars[border - 2], " ", "a free column before the border: \(row)")
        }
        let shown = rows.map { String(Array($0).drop { $0 != "n" }).components(separatedBy: "│")[0] }
        XCTAssertEqual(shown.joined(separator: " ").split(separator: " ").map(String.init), words)
    }

    func testLineEditingAndHistory() throws {
        let h = try openLab()
        h.type("kubectl get nodez")
        h.press(.ctrl("a"), .ctrl("k"))
        h.type("kubectl get ns")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("kube-system"), h.text)
        h.press(.up)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl get ns")
        h.press(.ctrl("w"))
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl get ")
        h.press(.left, .left, .backspace, .home, .delete, .end)
        XCTAssertEqual(h.app.lesson?.prompt.text, "ubectl gt ")
        h.press(.ctrl("u"))
        XCTAssertEqual(h.app.lesson?.prompt.text, "")
        h.press(.up, .down)
        XCTAssertEqual(h.app.lesson?.prompt.text, "")
        h.type("garbage")
        h.press(.ctrl("c"))
        XCTAssertEqual(h.app.lesson?.prompt.text, "")
        XCTAssertTrue(h.text.contains("kubetutor:~$ garbage^C"), h.text)
        h.press(.ctrl("l"))
        XCTAssertFalse(h.text.contains("garbage"), h.text)
        // Ctrl-R finds the last command containing the text.
        h.press(.ctrl("r"))
        h.type("get")
        XCTAssertTrue(h.text.contains("(reverse-i-search)`get': kubectl get ns"), h.text)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("kube-system"), h.text)
    }

    func testTabCompletesVerbsTypesAndLiveNames() throws {
        let h = try openLab()
        h.run("kubectl run web --image=nginx")
        h.type("kubectl desc")
        h.press(.tab)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl describe ")
        h.type("configm")
        h.press(.tab)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl describe configmap")
        h.press(.ctrl("w"))
        h.type("po")
        h.press(.tab)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl describe po", "several types start with po: they are listed")
        XCTAssertTrue(h.text.contains("pod  poddisruptionbudget") || h.text.contains("pod  pods"), h.text)
        h.type(" w")
        h.press(.tab)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl describe po web ")
        h.type("--show-e")
        h.press(.tab)
        XCTAssertEqual(h.app.lesson?.prompt.text, "kubectl describe po web --show-events ")
    }

    func testTimePassingUpdatesTheClusterMap() throws {
        let h = try openLab()
        h.run("kubectl run web --image=nginx")
        h.press(.f(5))
        XCTAssertTrue(h.text.contains("Cluster map"), h.text)
        XCTAssertTrue(h.text.contains("zone us-central1-a"), h.text)
        XCTAssertTrue(h.text.contains("● web"), h.text)
        h.wait(seconds: 30)
        XCTAssertTrue(h.text.contains("1 pod outside kube-system: 1 running"), h.text)
        h.press(.ctrl("t"))
        XCTAssertFalse(h.text.contains("Cluster map"), h.text)
    }

    func testWideIsSideBySideNarrowIsStackedAndTooSmallSaysSo() throws {
        let h = try openLab(width: 140, height: 40)
        let top = h.screen.line(1)
        XCTAssertTrue(top.contains("Reading") && top.contains("Tasks"), top)
        h.resize(100, 30)
        XCTAssertFalse(h.screen.line(1).contains("Tasks"), h.screen.line(1))
        XCTAssertNotNil(h.row(containing: "Tasks 0/4"))
        h.resize(60, 20)
        XCTAssertTrue(h.text.contains("Terminal too small"), h.text)
        XCTAssertTrue(h.text.contains("60×20; kubetutor needs at least 80×24."), h.text)
        h.type("kubectl get pods")
        h.resize(80, 24)
        XCTAssertTrue(h.text.contains("kubetutor:~$ kubectl get pods"), h.text)
        XCTAssertTrue(h.screen.lines.allSatisfy { $0.count <= 80 })
    }

    func testHintsAndTheSolutionAfterConfirmation() throws {
        let h = try openLab()
        h.press(.f(2))
        XCTAssertTrue(h.text.contains("Hint 1 of 2:"), h.text)
        h.press(.f(3))
        XCTAssertTrue(h.text.contains("Show the solution of this task?"), h.text)
        h.press(.char("n"))
        XCTAssertTrue(h.text.contains("Solution not shown."), h.text)
        h.run(":solution")
        h.press(.char("y"))
        XCTAssertTrue(h.text.contains("  kubectl run web --image=nginx"), h.text)
        XCTAssertEqual(h.app.progress.lessons["meet-pods"]?.solutionsShown, ["run-pod"])
        h.run(":nonsense")
        XCTAssertTrue(h.text.contains("Unknown command :nonsense"), h.text)
    }

    func testQuizOneQuestionAtATimeWithFeedbackAndScore() throws {
        let h = try openLab()
        h.press(.f(6))
        XCTAssertTrue(h.text.contains("What is the smallest unit Kubernetes deploys?"), h.text)
        XCTAssertTrue(h.text.contains("question 1 of 3"), h.text)
        h.press(.down, .enter)
        XCTAssertTrue(h.text.contains("✓ Correct."), h.text)
        XCTAssertTrue(h.text.contains("Kubernetes schedules Pods"), h.text)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("share one IP address"), h.text)
        h.press(.char("f"), .enter)
        XCTAssertTrue(h.text.contains("✗ Not quite."), h.text)
        h.press(.enter)
        h.type("Apply")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("✓ Correct."), h.text)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Score: 2 of 3"), h.text)
        XCTAssertTrue(h.text.contains("Passed"), h.text)
        h.press(.enter)
        XCTAssertNil(h.app.quiz)
        XCTAssertEqual(h.app.progress.lessons["meet-pods"]?.quizzes["pods-quiz"]?.bestScore, 2)
    }

    func testExitAndEscapeGoBackToTheMap() throws {
        let h = try openLab()
        h.run("exit")
        XCTAssertEqual(h.app.page, .courseMap)
    }
}

/// Waiting commands with a run loop: live, sped up, stopped by Ctrl-C; `kubectl edit` lends the terminal.
final class WaitingCommandTests: XCTestCase {
    func testCtrlCStopsAWatchAndTheScreenWasDrawnMeanwhile() throws {
        let h = try Harness()
        var polls = 0, frames = 0
        h.app.redraw = { frames += 1 }
        h.app.pollKey = { _ in
            polls += 1
            h.clock += 0.05
            return polls == 5 ? .ctrl("c") : nil
        }
        h.press(.down, .enter)
        h.run("kubectl run web --image=nginx")
        h.run("kubectl get pods -w")
        XCTAssertGreaterThanOrEqual(frames, 1)
        XCTAssertTrue(h.text.contains("^C"), h.text)
        XCTAssertTrue(h.text.contains("web   "), h.text)
        XCTAssertTrue(try XCTUnwrap(h.row(containing: "kubetutor:~$")).contains("kubetutor:~$"))
        XCTAssertEqual(h.app.lesson?.running, false)
    }

    /// gcloud's confirmation prompt: the answer is typed in the terminal pane (Backspace edits it) and logged.
    func testGCloudPromptIsAnsweredInTheTerminalPane() throws {
        let h = try Harness()
        var keys: [Key] = [.char("x"), .backspace, .char("y"), .enter]
        h.app.pollKey = { _ in keys.isEmpty ? nil : keys.removeFirst() }
        h.press(.down, .enter)
        let resize = "gcloud container clusters resize kubetutor --zone us-central1-a --num-nodes 4"
        h.run(resize)
        XCTAssertTrue(keys.isEmpty)
        XCTAssertNotNil(h.row(containing: "Do you want to continue (Y/n)?  y"), h.text)
        XCTAssertNil(h.row(containing: "(Y/n)?  xy"), h.text)
        XCTAssertNotNil(h.row(containing: "Resizing kubetutor...done."), h.text)
        XCTAssertEqual(h.app.lesson?.session.record.log.suffix(2), [.command(resize), .answer("y")])
        XCTAssertEqual(h.app.lesson?.session.session.currentCluster?.nodeNames.count, 4)
    }

    /// A signal while gcloud waits for its answer ends the prompt (no answer: the command stops) instead of waiting
    /// for a key that never comes.
    func testSignalDuringAPromptEndsIt() throws {
        let h = try Harness()
        var polls = 0
        // Without the signal check the prompt would wait forever: Ctrl-C after ten polls keeps the test finite.
        h.app.pollKey = { _ in polls += 1; return polls > 10 ? .ctrl("c") : nil }
        h.app.pendingSignal = { polls >= 2 ? 15 : 0 }
        h.press(.down, .enter)
        let resize = "gcloud container clusters resize kubetutor --zone us-central1-a --num-nodes 4"
        h.run(resize)
        XCTAssertEqual(polls, 2)
        XCTAssertNotNil(h.row(containing: "Do you want to continue (Y/n)?"), h.text)
        XCTAssertNil(h.row(containing: "Resizing kubetutor...done."), h.text)
        XCTAssertEqual(h.app.lesson?.session.session.currentCluster?.nodeNames.count, 3)
        XCTAssertEqual(h.app.lesson?.running, false)
    }

    func testKubectlEditSuspendsTheScreen() throws {
        let h = try Harness()
        var suspended = 0
        h.app.suspend = { body in suspended += 1; body() }
        h.press(.down, .enter)
        h.run("kubectl run web --image=nginx")
        h.run("KUBE_EDITOR=true kubectl edit pod web")
        XCTAssertEqual(suspended, 1)
        XCTAssertTrue(h.text.contains("Edit cancelled, no changes made."), h.text)
    }
}
