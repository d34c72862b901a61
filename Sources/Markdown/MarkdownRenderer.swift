// Lays a Markdown document out for a terminal of a given width: wrapped paragraphs, headings with rules,
// indented code, bullets and numbers, quote bars, tables with box lines, links followed by their target.

import Foundation

public struct MarkdownRenderer: Sendable {
    public var width: Int
    /// ASCII instead of box drawing and bullets (terminals without a UTF-8 locale).
    public var ascii: Bool

    public init(width: Int, ascii: Bool = false) {
        self.width = max(8, width)
        self.ascii = ascii
    }

    public func render(_ text: String) -> [StyledLine] { render(MarkdownDocument(parsing: text).blocks) }

    public func render(_ blocks: [Block]) -> [StyledLine] { render(blocks, width: width, tight: false) }

    private func render(_ blocks: [Block], width: Int, tight: Bool) -> [StyledLine] {
        var out: [StyledLine] = []
        for (i, b) in blocks.enumerated() {
            if i > 0, !tight { out.append(StyledLine()) }
            out += render(b, width: width)
        }
        return out
    }

    private func render(_ block: Block, width: Int) -> [StyledLine] {
        switch block {
        case .heading(let level, let inl):
            var runs = Self.runs(inl, base: .heading)
            if level <= 2 { runs = runs.map { StyledRun($0.text, $0.style.union(.strong)) } }
            let lines = Self.wrap(runs, width: width)
            guard level <= 2 else { return lines }
            let w = min(width, lines.map(\.width).max() ?? 0)
            let ch: Character = ascii ? (level == 1 ? "=" : "-") : (level == 1 ? "═" : "─")
            return lines + [StyledLine(String(repeating: ch, count: w), [.heading, .decoration])]
        case .paragraph(let inl):
            return Self.wrap(Self.runs(inl, base: []), width: width)
        case .html(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
                Self.wrap([StyledRun(String($0))], width: width)
            }
        case .code(_, let text):
            let inner = max(1, width - 2)
            return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { raw -> [StyledLine] in
                let line = String(raw).replacingOccurrences(of: "\t", with: "    ")
                let pieces = Self.hardSplit(line, inner)
                return pieces.map { StyledLine([StyledRun("  ", .codeBlock), StyledRun($0, .codeBlock)]) }
            }
        case .rule:
            return [StyledLine(String(repeating: ascii ? "-" : "─", count: width), .decoration)]
        case .quote(let inner):
            let bar = ascii ? "| " : "│ "
            return render(inner, width: max(4, width - 2), tight: false).map { line in
                StyledLine([StyledRun(bar, [.quote, .decoration])] + line.runs.map { StyledRun($0.text, $0.style.union(.quote)) })
            }
        case .list(let ordered, let start, let tight, let items):
            var out: [StyledLine] = []
            let last = start + items.count - 1
            let markerWidth = ordered ? String(last).count + 2 : 2
            for (i, item) in items.enumerated() {
                if i > 0, !tight { out.append(StyledLine()) }
                let marker = ordered ? "\(start + i). " : (ascii ? "- " : "• ")
                let pad = String(repeating: " ", count: markerWidth)
                let lines = render(item, width: max(4, width - markerWidth), tight: tight)
                for (n, line) in lines.enumerated() {
                    let lead = n == 0 ? String(repeating: " ", count: markerWidth - marker.count) + marker : pad
                    out.append(StyledLine([StyledRun(lead, .decoration)] + line.runs))
                }
                if lines.isEmpty { out.append(StyledLine(marker, .decoration)) }
            }
            return out
        case .table(let alignments, let header, let rows):
            return table(alignments: alignments, header: header, rows: rows, width: width)
        }
    }

    // MARK: Tables

    private func table(alignments: [TableAlignment], header: [[Inline]], rows: [[[Inline]]], width: Int) -> [StyledLine] {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        guard columns > 0 else { return [] }
        func cell(_ row: [[Inline]], _ c: Int) -> [StyledRun] {
            c < row.count ? Self.runs(row[c], base: []).map { StyledRun($0.text.replacingOccurrences(of: "\n", with: " "), $0.style) } : []
        }
        let allRows = [header] + rows
        let widths = Self.columnWidths(allRows.map { r in (0..<columns).map { cell(r, $0) } }, width: width)
        let v = ascii ? "|" : "│"
        func rule(_ l: String, _ m: String, _ r: String) -> StyledLine {
            let h = ascii ? "-" : "─"
            let parts = widths.map { String(repeating: h, count: $0 + 2) }
            return StyledLine(l + parts.joined(separator: m) + r, .decoration)
        }
        // Each cell wrapped to its column; a row is as tall as its tallest cell.
        func row(_ r: [[Inline]], isHeader: Bool) -> [StyledLine] {
            let cells = (0..<columns).map { c -> [StyledLine] in
                let runs = cell(r, c).map { isHeader ? StyledRun($0.text, $0.style.union([.tableHeader, .strong])) : $0 }
                return runs.isEmpty ? [] : Self.wrap(runs, width: widths[c])
            }
            let height = max(1, cells.map(\.count).max() ?? 1)
            return (0..<height).map { n in
                var runs = [StyledRun(v, .decoration)]
                for c in 0..<columns {
                    let content = n < cells[c].count ? cells[c][n].runs : []
                    let gap = max(0, widths[c] - StyledLine(content).width)
                    let align = c < alignments.count ? alignments[c] : .none
                    let left = align == .right ? gap : align == .center ? gap / 2 : 0
                    runs.append(StyledRun(" " + String(repeating: " ", count: left)))
                    runs += content
                    runs.append(StyledRun(String(repeating: " ", count: gap - left) + " "))
                    runs.append(StyledRun(v, .decoration))
                }
                return StyledLine(runs)
            }
        }
        let middle = ascii ? rule("+", "+", "+") : rule("├", "┼", "┤")
        var out = [ascii ? rule("+", "+", "+") : rule("┌", "┬", "┐")] + row(header, isHeader: true) + [middle]
        let body = rows.map { row($0, isHeader: false) }
        // Rows that take several lines are told apart by a rule between them.
        let wrapped = body.contains { $0.count > 1 }
        for (i, lines) in body.enumerated() {
            if i > 0, wrapped { out.append(middle) }
            out += lines
        }
        out.append(ascii ? rule("+", "+", "+") : rule("└", "┴", "┘"))
        return out
    }

    /// Column widths for a table of `cells` (rows of columns) in `width` columns, box lines included (`│ a │ b │`
    /// takes 3 per cell plus one). Columns keep their widest cell when the table fits; otherwise the widest column
    /// gives up a column at a time, first down to its longest word (so cells wrap between words), then further
    /// (long words are split), never below 3.
    static func columnWidths(_ cells: [[[StyledRun]]], width: Int) -> [Int] {
        let columns = cells.first?.count ?? 0
        var widths = (0..<columns).map { c in cells.map { StyledLine($0[c]).width }.max() ?? 0 }
        let room = width - (3 * columns + 1)
        guard widths.reduce(0, +) > room else { return widths }
        let longestWord = (0..<columns).map { c in
            cells.flatMap { row in row[c].map(\.text).joined().split(separator: " ").map { CellWidth.of(String($0)) } }.max() ?? 0
        }
        func shrink(floor: (Int) -> Int) {
            while widths.reduce(0, +) > room,
                  let c = widths.indices.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] }) {
                widths[c] -= 1
            }
        }
        shrink { max(3, min(widths[$0], longestWord[$0])) }
        shrink { _ in 3 }
        return widths
    }

    // MARK: Inlines and wrapping

    /// Flattens inlines to styled runs; a link is followed by its target in parentheses unless the text is it.
    static func runs(_ inlines: [Inline], base: TextStyle) -> [StyledRun] {
        var out: [StyledRun] = []
        for i in inlines {
            switch i {
            case .text(let t): out.append(StyledRun(t, base))
            case .code(let t): out.append(StyledRun(t, base.union(.code)))
            case .emphasis(let inner): out += runs(inner, base: base.union(.emphasis))
            case .strong(let inner): out += runs(inner, base: base.union(.strong))
            case .strikethrough(let inner): out += runs(inner, base: base.union(.strikethrough))
            case .link(let url, let inner):
                let text = runs(inner, base: base.union(.link))
                out += text
                let plain = text.map(\.text).joined()
                if !url.isEmpty, plain != url, "mailto:" + plain != url {
                    out.append(StyledRun(" (\(url))", base.union(.linkTarget)))
                }
            case .image(let url, let alt):
                let text = runs(alt, base: base.union(.link)).map(\.text).joined()
                out.append(StyledRun("[image: \(text.isEmpty ? url : text)]", base.union(.link)))
            case .softBreak: out.append(StyledRun(" ", base))
            case .lineBreak: out.append(StyledRun("\n", base))
            }
        }
        return out
    }

    /// Greedy word wrap of styled runs to `width` columns; `\n` in a run forces a break; words longer than a
    /// line are split.
    public static func wrap(_ runs: [StyledRun], width: Int) -> [StyledLine] {
        let width = max(1, width)
        // Words: maximal non-space pieces, each possibly made of several runs (`**kube**ctl`).
        var lines: [StyledLine] = []
        var line: [StyledRun] = [], lineWidth = 0
        var word: [StyledRun] = [], wordWidth = 0
        var pendingSpace = false
        var spaceStyle: TextStyle = []

        func appendToLine(_ r: StyledRun) {
            if let last = line.last, last.style == r.style { line[line.count - 1].text += r.text } else { line.append(r) }
        }
        func flushLine() {
            lines.append(StyledLine(line))
            line = []; lineWidth = 0
        }
        func flushWord() {
            guard wordWidth > 0 else { return }
            let space = pendingSpace && lineWidth > 0 ? 1 : 0
            if lineWidth + space + wordWidth > width, lineWidth > 0 { flushLine() }
            else if space == 1 { appendToLine(StyledRun(" ", spaceStyle)); lineWidth += 1 }
            for r in word {
                var text = r.text
                while !text.isEmpty {
                    if lineWidth >= width { flushLine() }
                    var (take, w) = CellWidth.prefix(text, columns: width - lineWidth)
                    if take.isEmpty {
                        // A double-width character does not fit in the column left: next line (or, on a line
                        // one column wide, alone).
                        if lineWidth > 0 { flushLine(); continue }
                        let first = text.unicodeScalars.first!
                        (take, w) = (String(first), CellWidth.of(first))
                    }
                    appendToLine(StyledRun(take, r.style))
                    lineWidth += w
                    text = String(Substring(text.unicodeScalars.dropFirst(take.unicodeScalars.count)))
                }
            }
            word = []; wordWidth = 0
            pendingSpace = false
        }
        for r in runs {
            var current = ""
            for ch in r.text {
                if ch == "\n" {
                    if !current.isEmpty { word.append(StyledRun(current, r.style)); wordWidth += CellWidth.of(current); current = "" }
                    flushWord(); flushLine(); pendingSpace = false
                } else if ch == " " || ch == "\t" {
                    if !current.isEmpty { word.append(StyledRun(current, r.style)); wordWidth += CellWidth.of(current); current = "" }
                    flushWord()
                    if !pendingSpace { spaceStyle = r.style }
                    pendingSpace = true
                } else {
                    current.append(ch)
                }
            }
            if !current.isEmpty { word.append(StyledRun(current, r.style)); wordWidth += CellWidth.of(current) }
        }
        flushWord()
        if lineWidth > 0 || lines.isEmpty { flushLine() }
        return lines
    }

    /// Splits a line into pieces of at most `width` columns (an empty line stays one empty piece).
    static func hardSplit(_ s: String, _ width: Int) -> [String] { CellWidth.split(s, columns: width) }
}
