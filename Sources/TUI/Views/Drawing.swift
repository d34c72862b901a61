// Small drawing helpers shared by the views: boxes with titles, styled Markdown lines, bars, centring.
import Markdown

extension Screen {
    /// A box on `r` with a title in its top border.
    mutating func box(_ r: Rect, title: String = "", theme: Theme, focused: Bool = false) {
        guard r.width >= 2, r.height >= 2 else { return }
        let b = theme.box
        let style = focused ? theme.frameFocused : theme.frame
        let h = String(repeating: b.h, count: r.width - 2)
        put(b.tl + h + b.tr, x: r.x, y: r.y, style: style)
        for y in r.y + 1..<r.maxY - 1 {
            put(b.v, x: r.x, y: y, style: style)
            put(b.v, x: r.maxX - 1, y: y, style: style)
        }
        put(b.bl + h + b.br, x: r.x, y: r.maxY - 1, style: style)
        if !title.isEmpty, r.width > 6 {
            put(" \(title) ", x: r.x + 2, y: r.y, style: focused ? theme.frameFocused : Style(fg: theme.colors ? .cyan : .none, bold: true),
                maxWidth: r.width - 4)
        }
    }

    /// A rendered Markdown line at (x, y), clipped to `width`.
    mutating func put(_ line: StyledLine, x: Int, y: Int, width: Int, theme: Theme, base: Style? = nil) {
        var col = x
        for run in line.runs {
            let left = x + width - col
            guard left > 0 else { break }
            var s = theme.style(run.style)
            if let base, s == .plain { s = base }
            col += put(run.text, x: col, y: y, style: s, maxWidth: left)
        }
    }

    /// Text centred on row `y` of `r`.
    mutating func center(_ text: String, in r: Rect, y: Int, style: Style = .plain) {
        let x = r.x + max(0, (r.width - CellWidth.of(text)) / 2)
        put(text, x: x, y: y, style: style, maxWidth: r.width)
    }

    /// A full-width bar on row `y` with text at the left and the right.
    mutating func bar(y: Int, left: String, right: String = "", style: Style) {
        fill(Rect(x: 0, y: y, width: width, height: 1), style: style)
        put(left, x: 0, y: y, style: style, maxWidth: width)
        let rw = CellWidth.of(right)
        if !right.isEmpty, rw + CellWidth.of(left) + 2 <= width { put(right, x: width - rw, y: y, style: style) }
    }
}

extension Theme {
    /// `████░░░░` for `done` of `total`.
    func progressBar(_ done: Int, _ total: Int, width: Int) -> String {
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded(.down))
        return String(repeating: barFull, count: filled) + String(repeating: barEmpty, count: width - filled)
    }
}

extension String {
    /// Columns on a terminal (CJK and emoji take two).
    var columns: Int { CellWidth.of(self) }

    /// Cut to `n` columns, with an ellipsis when cut.
    func clipped(_ n: Int, ellipsis: String = "…") -> String {
        guard columns > n else { return self }
        return n <= 1 ? CellWidth.prefix(self, columns: n).text : CellWidth.prefix(self, columns: n - 1).text + ellipsis
    }
    /// Filled with spaces to `n` columns.
    func padded(_ n: Int) -> String { let w = columns; return w >= n ? self : self + String(repeating: " ", count: n - w) }
}
