// The course map: course progress, then each chapter with its progress bar and its lessons with status,
// kind, length and quiz score; the selected lesson is highlighted. A welcome on first start.
import Course

extension App {
    /// A lesson's status on the map.
    enum LessonStatus { case done, doneWithHelp, started, notStarted }

    func status(of id: String) -> LessonStatus {
        guard let r = progress.lessons[id] else { return .notStarted }
        if r.completed { return r.completedWithHelp ? .doneWithHelp : .done }
        return .started
    }

    func renderCourseMap(_ s: inout Screen) {
        let done = lessons.filter { progress.lessons[$0.id]?.completed == true }.count
        renderTitle(&s, "course map")
        var y = 2
        let barWidth = min(30, s.width / 4)
        s.put("  Course  ", x: 0, y: y, style: .bold)
        s.put(theme.progressBar(done, lessons.count, width: barWidth), x: 10, y: y, style: theme.ok)
        s.put("  \(done) of \(lessons.count) lessons done", x: 10 + barWidth, y: y)
        y += 2
        if let notice {
            for line in MarkdownWrap.wrap(notice, s.width - 4) { s.put(line, x: 2, y: y, style: theme.warn); y += 1 }
            y += 1
        }
        if welcome {
            let text = ["Welcome! This course takes you from your first container to running apps on GKE.",
                        "Each lesson has reading on the left and a terminal with a simulated cluster on the right:",
                        "type real kubectl commands, and the tasks turn \(theme.pass) as the cluster gets there.",
                        "\(theme.unicode ? "↑/↓" : "Up/Down") choose a lesson, Enter opens it, F1 shows every key, q quits. Progress saves itself."]
            let r = Rect(x: 1, y: y, width: s.width - 2, height: text.count + 2)
            s.box(r, title: "Welcome", theme: theme, focused: true)
            for (i, t) in text.enumerated() { s.put(t, x: r.x + 2, y: r.y + 1 + i, maxWidth: r.width - 4) }
            y = r.maxY + 1
        }
        // The rows: chapter headings and lessons; scrolled so the selection shows.
        struct Row { var lessonIndex: Int?; var chapter: Course.Chapter? }
        var rows: [Row] = []
        var index = 0
        for ch in course.chapters {
            rows.append(Row(lessonIndex: nil, chapter: ch))
            for id in ch.lessonIDs + (ch.quizID.map { [$0] } ?? []) where course.lessons[id] != nil {
                rows.append(Row(lessonIndex: index, chapter: nil))
                index += 1
            }
        }
        let listTop = y, listHeight = s.height - 1 - listTop
        guard listHeight > 0 else { renderStatus(&s, left: "", context: .courseMap); return }
        let selectedRow = rows.firstIndex { $0.lessonIndex == selection } ?? 0
        if selectedRow < mapScroll + 1 { mapScroll = max(0, selectedRow - 1) }
        if selectedRow >= mapScroll + listHeight { mapScroll = selectedRow - listHeight + 1 }
        for (n, row) in rows.dropFirst(mapScroll).prefix(listHeight).enumerated() {
            let yy = listTop + n
            if let ch = row.chapter {
                let ids = ch.lessonIDs + (ch.quizID.map { [$0] } ?? [])
                let chDone = ids.filter { progress.lessons[$0]?.completed == true }.count
                let w = s.put(" \(ch.title)", x: 0, y: yy, style: theme.heading)
                let bw = min(20, s.width / 6)
                let bx = max(w + 2, s.width - bw - 12)
                s.put(theme.progressBar(chDone, ids.count, width: bw), x: bx, y: yy, style: theme.ok)
                s.put(" \(chDone)/\(ids.count)", x: bx + bw, y: yy)
                continue
            }
            guard let i = row.lessonIndex else { continue }
            renderLessonRow(&s, lessons[i], number: i + 1, y: yy, selected: i == selection)
        }
        let l = lessons.indices.contains(selection) ? lessons[selection] : nil
        if let r = pendingResume {
            renderStatus(&s, left: "Resuming \"\(r.title)\"\(theme.ellipsis)", context: .courseMap)
            return
        }
        renderStatus(&s, left: l.map { "\($0.title) \(theme.middot) \($0.kind.rawValue)" } ?? "", context: .courseMap)
    }

    private func renderLessonRow(_ s: inout Screen, _ l: Lesson, number: Int, y: Int, selected: Bool) {
        let (mark, markStyle): (String, Style)
        switch status(of: l.id) {
        case .done: (mark, markStyle) = (theme.pass, theme.ok)
        case .doneWithHelp: (mark, markStyle) = (theme.helped, theme.warn)
        case .started: (mark, markStyle) = (theme.started, theme.info)
        case .notStarted: (mark, markStyle) = (theme.todo, theme.muted)
        }
        let here = progress.currentLesson == l.id
        s.put(selected ? theme.selectedMark : " ", x: 1, y: y, style: theme.info)
        s.put(mark, x: 3, y: y, style: markStyle)
        var right = "\(l.kind.rawValue), \(l.minutes) min"
        if let r = progress.lessons[l.id], !l.quizzes.isEmpty {
            let best = l.quizzes.compactMap { r.quizzes[$0.id] }
            if !best.isEmpty { right = "quiz \(best.map(\.bestScore).reduce(0, +))/\(l.quizzes.map(\.questions.count).reduce(0, +))  " + right }
        }
        if status(of: l.id) == .doneWithHelp { right = "with help  " + right }
        let title = "\(String(number).leftPad(2)). \(l.title)\(here ? "  \(theme.selectedMark) you were here" : "")"
        let room = s.width - 6 - right.columns - 2
        let style = selected ? theme.selected : Style.plain
        if selected { s.fill(Rect(x: 5, y: y, width: s.width - 6, height: 1), style: style) }
        s.put(title.clipped(room, ellipsis: theme.ellipsis), x: 5, y: y, style: style)
        s.put(right, x: s.width - right.columns - 1, y: y, style: selected ? style : theme.muted)
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
