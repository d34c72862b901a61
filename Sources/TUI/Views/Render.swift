// The whole screen from the app's state: the page, then overlays, or the "terminal too small" message.
import Course
import Markdown

extension App {
    public static let minimumSize = Size(width: 80, height: 24)

    /// The screen for a terminal of `size`. Pure: reads state, draws cells.
    public func render(size: Size) -> Screen {
        var s = Screen(size: size)
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            renderTooSmall(&s)
            return s
        }
        if let q = quiz {
            renderQuiz(q, &s)
        } else {
            switch page {
            case .courseMap: renderCourseMap(&s)
            case .lesson: renderLesson(&s)
            }
        }
        switch overlay {
        case .help: renderHelp(&s)
        case .confirmSolution: renderConfirm(&s)
        case nil: break
        }
        return s
    }

    func renderTooSmall(_ s: inout Screen) {
        let r = Rect(x: 0, y: 0, width: s.width, height: s.height)
        let lines = ["Terminal too small", "\(s.width)×\(s.height); kubetutor needs at least \(Self.minimumSize.width)×\(Self.minimumSize.height).",
                     "Make the window larger (your progress is safe)."].map { theme.unicode ? $0 : $0.replacingOccurrences(of: "×", with: "x") }
        let top = max(0, s.height / 2 - 1)
        for (i, l) in lines.enumerated() {
            for (n, piece) in MarkdownWrap.wrap(l, s.width).enumerated() where top + i + n < s.height {
                s.center(piece, in: r, y: top + i * 1 + n, style: i == 0 ? theme.warn : .plain)
            }
        }
    }

    /// The title bar: the course, and where the learner is.
    func renderTitle(_ s: inout Screen, _ right: String) {
        s.bar(y: 0, left: " kubetutor \(theme.middot) \(course.title)", right: right + " ", style: theme.title)
    }

    /// The status line: a message on the left, the footer keys on the right.
    func renderStatus(_ s: inout Screen, left: String, context: KeyContext, leaving: Set<Action> = []) {
        let keys = KeyMap.footer(context, leaving: leaving)
        let room = s.width - left.columns - 5
        s.bar(y: s.height - 1, left: " " + left, right: room > 10 ? keys.clipped(room, ellipsis: theme.ellipsis) + " " : "", style: theme.statusBar)
    }
}

/// Plain word wrap for messages (no styles).
enum MarkdownWrap {
    static func wrap(_ text: String, _ width: Int) -> [String] {
        let indent = text.prefix { $0 == " " }.count
        if indent > 0, indent < width / 2 {
            return wrap(String(text.dropFirst(indent)), width - indent).map { String(repeating: " ", count: indent) + $0 }
        }
        var out: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.columns + 1 + CellWidth.of(word) > width { out.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
            if line.columns > width {
                let pieces = CellWidth.split(line, columns: width)
                out += pieces.dropLast()
                line = pieces.last ?? ""
            }
        }
        if !line.isEmpty || out.isEmpty { out.append(line) }
        return out
    }
}
