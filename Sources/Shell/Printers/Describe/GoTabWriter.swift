// Go's text/tabwriter (no flags, left-aligned), which kubectl describe writes through: text is cut into
// tab-terminated cells, and a column is aligned only across the contiguous lines that have a cell in it.

/// An elastic-tabstop writer that reproduces Go's `tabwriter.Writer` byte for byte.
struct GoTabWriter {
    private struct Cell {
        var text = ""
        /// Width in runes, as Go counts it (not display columns).
        var width = 0
        /// Whether a tab (rather than a line end) terminated the cell.
        var htab = false
    }

    let minWidth: Int
    let padding: Int
    private var lines: [[Cell]] = [[]]
    private var cell = Cell()
    private var widths: [Int] = []
    private(set) var output = ""

    init(minWidth: Int = 0, padding: Int = 2) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// Appends text; cells end at `\t`, lines at `\n`. A line with a single cell flushes, as in Go.
    mutating func write(_ text: String) {
        var pending = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "\t", "\n", "\u{0B}", "\u{0C}":
                append(&pending)
                cell.htab = ch == "\t"
                lines[lines.count - 1].append(cell)
                let cellCount = lines[lines.count - 1].count
                cell = Cell()
                if ch == "\n" || ch == "\u{0C}" {
                    lines.append([])
                    if ch == "\u{0C}" || cellCount == 1 { flush() }
                }
            default:
                pending.unicodeScalars.append(ch)
            }
        }
        append(&pending)
    }

    private mutating func append(_ pending: inout String) {
        guard !pending.isEmpty else { return }
        cell.text += pending
        cell.width += pending.unicodeScalars.count
        pending = ""
    }

    /// Formats everything buffered so far (Go's `Flush`); a trailing partial line is written without newline.
    mutating func flush() {
        if !cell.text.isEmpty {
            cell.htab = false
            lines[lines.count - 1].append(cell)
            cell = Cell()
        }
        format(line0: 0, line1: lines.count)
        lines = [[]]
        widths = []
    }

    /// Go's recursive column-block formatter: finds each run of lines with a cell in the current column,
    /// fixes that column's width, then formats the columns to its right within the run.
    private mutating func format(line0 start: Int, line1: Int) {
        var line0 = start
        let column = widths.count
        var this = line0
        while this < line1 {
            if column >= lines[this].count - 1 { this += 1; continue }
            writeLines(line0, this)
            line0 = this
            var width = minWidth
            while this < line1 {
                let line = lines[this]
                if column >= line.count - 1 { break }
                width = max(width, line[column].width + padding)
                this += 1
            }
            widths.append(width)
            format(line0: line0, line1: this)
            widths.removeLast()
            line0 = this
            this += 1
        }
        writeLines(line0, line1)
    }

    private mutating func writeLines(_ line0: Int, _ line1: Int) {
        guard line0 < line1 else { return }
        for i in line0..<line1 {
            for (j, c) in lines[i].enumerated() {
                output += c.text
                if j < widths.count {
                    output += String(repeating: " ", count: max(0, widths[j] - c.width))
                }
            }
            if i + 1 < lines.count { output += "\n" }
        }
    }
}
