// Overlays drawn over a page: the help generated from the key table, and the question before a solution.
import Foundation

extension App {
    func renderHelp(_ s: inout Screen) {
        let contexts: [KeyContext]
        if quiz != nil { contexts = [.quiz] } else if page == .courseMap { contexts = [.courseMap] } else { contexts = [.lesson, .prompt] }
        let entries = KeyMap.helpLines(contexts).map { e -> (keys: String, help: String, isHeader: Bool) in
            theme.unicode ? e : (e.keys.replacingOccurrences(of: "↑", with: "Up").replacingOccurrences(of: "↓", with: "Down")
                .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right"), e.help, e.isHeader)
        }
        let r = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 2)
        s.fill(r)
        s.box(r, title: "Help \(theme.middot) any key closes", theme: theme, focused: true)
        let inner = Rect(x: r.x + 2, y: r.y + 1, width: r.width - 4, height: r.height - 2)
        let columns = entries.count > inner.height ? 2 : 1
        let colW = (inner.width - (columns - 1) * 2) / columns
        let keyW = min(24, max(10, colW * 2 / 5))
        for (n, e) in entries.enumerated() {
            let col = n / inner.height
            guard col < columns else { break }
            let x = inner.x + col * (colW + 2), y = inner.y + n % inner.height
            if e.isHeader {
                s.put(e.keys, x: x, y: y, style: theme.heading, maxWidth: colW)
            } else {
                s.put(e.keys.clipped(keyW - 1, ellipsis: theme.ellipsis), x: x, y: y, style: theme.info)
                s.put(e.help.clipped(colW - keyW, ellipsis: theme.ellipsis), x: x + keyW, y: y)
            }
        }
        s.cursor = nil
    }

    func renderConfirm(_ s: inout Screen) {
        let lines = ["Show the solution of this task?", "The lesson will then count as completed with help.", "",
                     "y: show it     any other key: not now"]
        let w = min(s.width - 4, (lines.map(\.count).max() ?? 0) + 6)
        let r = Rect(x: (s.width - w) / 2, y: s.height / 2 - 3, width: w, height: lines.count + 2)
        s.fill(r)
        s.box(r, title: "Solution", theme: theme, focused: true)
        for (i, l) in lines.enumerated() { s.put(l, x: r.x + 3, y: r.y + 1 + i, style: i == 0 ? .bold : .plain, maxWidth: w - 4) }
        s.cursor = nil
    }
}
