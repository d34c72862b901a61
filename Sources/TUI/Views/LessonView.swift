// The lesson page: reading pane (or the cluster map), tasks pane and terminal pane; side by side when the
// terminal is wide, stacked when narrow.
import Course
import Markdown

extension App {
    struct LessonLayout {
        var reading: Rect, tasks: Rect, terminal: Rect
    }

    static let wideWidth = 120

    func lessonLayout(_ size: Size, taskRows: Int) -> LessonLayout {
        let top = 1, height = size.height - 2
        if size.width >= Self.wideWidth {
            let leftW = size.width * 45 / 100
            let rightW = size.width - leftW
            let tasksH = min(max(5, taskRows + 2), height / 3)
            return LessonLayout(reading: Rect(x: 0, y: top, width: leftW, height: height),
                                tasks: Rect(x: leftW, y: top, width: rightW, height: tasksH),
                                terminal: Rect(x: leftW, y: top + tasksH, width: rightW, height: height - tasksH))
        }
        let readH = max(5, height * 35 / 100)
        let tasksH = min(max(4, taskRows + 2), max(4, height / 4))
        return LessonLayout(reading: Rect(x: 0, y: top, width: size.width, height: readH),
                            tasks: Rect(x: 0, y: top + readH, width: size.width, height: tasksH),
                            terminal: Rect(x: 0, y: top + readH + tasksH, width: size.width, height: height - readH - tasksH))
    }

    func renderLesson(_ s: inout Screen) {
        guard let l = lesson else { return }
        let sess = l.session
        let number = (lessons.firstIndex { $0.id == sess.lesson.id } ?? 0) + 1
        renderTitle(&s, "lesson \(number) of \(lessons.count)")
        let taskLines = self.taskLines(l, width: s.width >= Self.wideWidth ? s.width - s.width * 45 / 100 - 2 : s.width - 2)
        let layout = lessonLayout(s.size, taskRows: taskLines.count)
        if showClusterMap {
            renderClusterMap(&s, in: layout.reading, session: sess.session)
        } else {
            renderReading(&s, l, in: layout.reading)
        }
        // Tasks.
        let done = sess.lesson.tasks.filter(sess.isDone).count
        s.box(layout.tasks, title: sess.lesson.tasks.isEmpty ? "Tasks" : "Tasks \(done)/\(sess.lesson.tasks.count)", theme: theme)
        let ti = layout.tasks.inner
        for (i, line) in taskLines.prefix(ti.height).enumerated() {
            s.put(line, x: ti.x + 1, y: ti.y + i, width: ti.width - 1, theme: theme)
        }
        renderTerminal(&s, l, in: layout.terminal)
        var left = "\(sess.lesson.title.clipped(30, ellipsis: theme.ellipsis)) \(theme.middot) "
        left += sess.lesson.tasks.isEmpty ? sess.lesson.kind.rawValue : "tasks \(done)/\(sess.lesson.tasks.count)"
        left += " \(theme.middot) time \(theme.times)\(speed)"
        // The footer offers what this lesson has: hints and checks with tasks, F6 with a quiz.
        var leaving: Set<Action> = []
        if sess.lesson.tasks.isEmpty { leaving.formUnion([.hint, .check]) }
        if sess.lesson.quizzes.isEmpty { leaving.insert(.quiz) }
        renderStatus(&s, left: left, context: .lesson, leaving: leaving)
    }

    func renderReading(_ s: inout Screen, _ l: LessonState, in r: Rect) {
        let inner = r.inner
        let lines = l.readingLines(width: max(8, inner.width - 2), ascii: !theme.unicode)
        let maxScroll = max(0, lines.count - inner.height)
        if l.readScroll > maxScroll { l.readScroll = maxScroll }
        let more = lines.count > inner.height ? " \(l.readScroll + 1)-\(min(lines.count, l.readScroll + inner.height))/\(lines.count) PgUp/PgDn" : ""
        s.box(r, title: "Reading" + more, theme: theme)
        for (i, line) in lines.dropFirst(l.readScroll).prefix(inner.height).enumerated() {
            s.put(line, x: inner.x + 1, y: inner.y + i, width: inner.width - 1, theme: theme)
        }
    }

    /// The tasks pane's lines: each task with its mark (and the failing check's reason), then the current
    /// task's text.
    func taskLines(_ l: LessonState, width: Int) -> [StyledLine] {
        let sess = l.session
        var out: [StyledLine] = []
        let w = max(10, width - 1)
        if sess.lesson.tasks.isEmpty {
            if !sess.lesson.quizzes.isEmpty {
                let best = sess.lesson.quizzes.compactMap { sess.record.quizzes[$0.id] }
                out.append(StyledLine(best.isEmpty ? "A quiz: F6 or :quiz to take it." :
                    "Quiz best score \(best.map(\.bestScore).reduce(0, +))/\(best.map(\.total).reduce(0, +))\(best.allSatisfy(\.passed) ? " \(theme.pass) passed" : "") \(theme.middot) F6 to take it again."))
            } else {
                out.append(StyledLine(sess.record.completed ? "\(theme.pass) Read. F7 or :next goes on." : "No tasks here: read, then F7 or :next."))
            }
            return out
        }
        for (i, t) in sess.lesson.tasks.enumerated() {
            let mark = i < l.marks.count ? l.marks[i] : .notYet
            switch mark {
            case .done:
                out.append(StyledLine([StyledRun(theme.pass + " ", .code), StyledRun("\(i + 1). \(t.title)")]))
            case .failing(let why):
                out.append(StyledLine([StyledRun(theme.fail + " ", .strong), StyledRun("\(i + 1). \(t.title)", .strong)]))
                for piece in MarkdownRenderer.wrap([StyledRun(why, .emphasis)], width: w - 4) {
                    out.append(StyledLine([StyledRun("    ")] + piece.runs))
                }
            case .pending:
                out.append(StyledLine([StyledRun(theme.todo + " ", .strong), StyledRun("\(i + 1). \(t.title)", .strong)]))
            case .notYet:
                out.append(StyledLine([StyledRun(theme.todo + " ", .linkTarget), StyledRun("\(i + 1). \(t.title)", .linkTarget)]))
            }
        }
        if let t = sess.currentTask {
            out.append(StyledLine())
            out += MarkdownRenderer(width: w, ascii: !theme.unicode).render(t.text)
        }
        return out
    }

    func renderTerminal(_ s: inout Screen, _ l: LessonState, in r: Rect) {
        s.box(r, title: "Terminal" + (l.terminal.scroll > 0 ? " (scrolled back; Shift-PgDn)" : ""), theme: theme, focused: true)
        let inner = r.inner
        let w = max(1, inner.width - 1)
        // The prompt's row(s) at the bottom, scrolled sideways when the line is long.
        let promptRows = 1
        let outputRows = inner.height - promptRows
        // Collect wrapped rows from the end, enough for the view and its scroll.
        let all = l.terminal.allLines
        var rows: [(String, TerminalLine.Kind)] = []
        let need = outputRows + l.terminal.scroll
        var i = all.count - 1
        while i >= 0, rows.count < need {
            let line = all[i]
            var pieces: [String] = []
            if line.kind == .output || line.kind == .error || line.kind == .command {
                // Program output wraps at the edge, as a terminal does.
                pieces = CellWidth.split(line.text, columns: w)
            } else {
                // Our own prose (task notes, hints) keeps a column free before the border.
                pieces = MarkdownWrap.wrap(line.text, max(1, w - 1))
            }
            for p in pieces.reversed() { rows.append((p, line.kind)) }
            i -= 1
        }
        if i < 0 { l.terminal.scroll = min(l.terminal.scroll, max(0, rows.count - outputRows)) }
        let visible = Array(rows.dropFirst(l.terminal.scroll).prefix(outputRows).reversed())
        for (n, row) in visible.enumerated() {
            s.put(row.0, x: inner.x + 1, y: inner.y + n, style: style(row.1), maxWidth: w)
        }
        // The prompt follows the output, as in a terminal; at the bottom once the pane is full.
        let y = min(inner.maxY - 1, inner.y + visible.count)
        var head = l.promptText
        var text = l.prompt.text
        var cursor = l.prompt.cursor
        if let search = l.prompt.search {
            head = "(reverse-i-search)`\(search)': "
            cursor = text.count
        }
        // Columns, not characters: a wide character before the cursor moves it two.
        let headW = head.columns
        let room = max(1, w - headW - 1)
        while cursor > 0, CellWidth.of(text.prefix(cursor)) > room {
            text = String(text.dropFirst())
            cursor -= 1
        }
        let cursorX = CellWidth.of(text.prefix(cursor))
        let hx = inner.x + 1
        if l.running { return }
        s.put(head, x: hx, y: y, style: theme.color(.green, bold: true), maxWidth: w)
        s.put(text, x: hx + headW, y: y, maxWidth: max(0, w - headW))
        if overlay == nil, quiz == nil, l.terminal.scroll == 0 { s.cursor = (min(hx + headW + cursorX, inner.maxX - 1), y) }
    }

    func style(_ k: TerminalLine.Kind) -> Style {
        switch k {
        case .output: return .plain
        case .error: return theme.color(.red)
        case .command: return .bold
        case .info: return theme.info
        case .success: return theme.ok
        case .failure: return theme.bad
        case .hint: return theme.warn
        }
    }
}
