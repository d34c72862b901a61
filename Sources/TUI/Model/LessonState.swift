// An open lesson on screen: its session, the panes' state and the tasks' marks as last judged.
import Course
import Markdown
import MiniCluster
import Shell

public final class LessonState {
    public enum Mark: Equatable { case done, failing(String), pending, notYet }

    public let session: LessonSession
    public var prompt = PromptLine()
    public var terminal = TerminalPane()
    /// Lines of a command still being typed (a here-document), joined when it is complete.
    public var pending: String?
    public var readScroll = 0
    /// A command is running (the prompt is hidden until it ends).
    public internal(set) var running = false
    public private(set) var marks: [Mark] = []
    /// The reading text rendered for one width (layout is the costly part; keys do not change it).
    private var rendered: (width: Int, ascii: Bool, lines: [StyledLine])?

    init(session: LessonSession) {
        self.session = session
        refreshTasks()
    }

    /// Judges the current task again (after a command, as time passes).
    public func refreshTasks() {
        let current = session.currentTaskIndex
        marks = session.lesson.tasks.enumerated().map { i, t in
            if session.isDone(t) { return .done }
            guard i == current else { return .notYet }
            let outcomes = session.judge(t)
            for case .fail(let why) in outcomes { return .failing(why) }
            return .pending
        }
    }

    /// The lesson's heading, objectives and text, as Markdown.
    var readingMarkdown: String {
        let l = session.lesson
        var text = String(l.text.drop { $0 == "\n" || $0 == " " })
        // Most lesson texts open with their title as a heading: it is kept there, not repeated.
        var heading = "# \(l.title)"
        if text.hasPrefix("# ") {
            let end = text.firstIndex(of: "\n") ?? text.endIndex
            heading = String(text[..<end])
            text = String(text[end...])
        }
        var md = heading + "\n\n*\(l.kind.rawValue), about \(l.minutes) min*\n\n"
        if !l.objectives.isEmpty {
            md += "**You will:**\n\n" + l.objectives.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        }
        return md + text
    }

    func readingLines(width: Int, ascii: Bool) -> [StyledLine] {
        if let r = rendered, r.width == width, r.ascii == ascii { return r.lines }
        let lines = MarkdownRenderer(width: width, ascii: ascii).render(readingMarkdown)
        rendered = (width, ascii, lines)
        return lines
    }

    /// `kubetutor:~$ ` (or `> ` inside a here-document), with the folder relative to the workspace.
    var promptText: String {
        if pending != nil { return "> " }
        let s = session.session
        if let attached = s.attachedShell { return attached.prompt }
        let root = s.root.standardizedFileURL.path
        let cwd = s.cwd.standardizedFileURL.path
        let rel = cwd == root ? "~" : cwd.hasPrefix(root + "/") ? "~" + cwd.dropFirst(root.count) : cwd
        return "kubetutor:\(rel)$ "
    }
}
