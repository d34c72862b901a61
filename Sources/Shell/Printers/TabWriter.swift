// kubectl's table alignment (cli-runtime's tabwriter: liggitt/tabwriter with minwidth 6, padding 3, padchar ' '):
// every cell but a row's last is padded to its column's width = max(widest cell + 3, 6), measured in runes.

public struct TabWriter {
    public var minWidth = 6
    public var padding = 3

    public init() {}

    /// Lays out rows of cells. Rows may differ in length: a column's width covers the rows that have a cell in it
    /// that is not their last (the last cell of a row is written unpadded, as tabwriter's trailing cell).
    public func format(_ rows: [[String]]) -> String {
        // Two passes over the cells; the rune widths of the first are kept so the second does not count again.
        var widths: [Int] = []
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity(rows.count * (rows.first?.count ?? 1))
        var total = 0
        for row in rows {
            total += 1
            let last = row.count - 1
            for (i, cell) in row.enumerated() {
                let w = Self.width(cell)
                cellWidths.append(w)
                total += cell.utf8.count
                if i == last { break }
                if i >= widths.count { widths.append(minWidth) }
                if w + padding > widths[i] { widths[i] = w + padding }
            }
        }
        // Built as bytes: this runs over every row of `get pods -A`, so it must stay linear and cheap.
        var out: [UInt8] = []
        out.reserveCapacity(total + rows.count * widths.reduce(0, +))
        var k = 0
        for row in rows {
            let last = row.count - 1
            for (i, cell) in row.enumerated() {
                if cell.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil { out.append(contentsOf: cell.utf8) }
                if i < last {
                    let pad = widths[i] - cellWidths[k]
                    if pad > 0 { out.append(contentsOf: repeatElement(UInt8(32), count: pad)) }
                }
                k += 1
            }
            out.append(10)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lays out a table whose rows all have `table.columns` cells, with widths already measured: one pass for
    /// the column widths, one writing the text into a single buffer.
    func format(_ table: FlatTable) -> String {
        let n = table.columns, cells = table.cells, cellWidths = table.widths
        var widths = [Int](repeating: minWidth, count: n)
        var bytes = 0
        for (k, w) in cellWidths.enumerated() {
            let i = k % n
            bytes += cells[k].utf8.count
            if i < n - 1, w + padding > widths[i] { widths[i] = w + padding }
        }
        let rowCount = cells.count / n
        let capacity = bytes + rowCount * (widths.dropLast().reduce(0, +) + 1)
        return String(unsafeUninitializedCapacity: capacity) { buf in
            var at = 0
            for k in cells.indices {
                let i = k % n
                let cell = cells[k]
                let copied: Void? = cell.utf8.withContiguousStorageIfAvailable { src in
                    guard let base = src.baseAddress, src.count > 0 else { return }
                    UnsafeMutableRawPointer(buf.baseAddress! + at).copyMemory(from: base, byteCount: src.count)
                    at += src.count
                }
                if copied == nil { for b in cell.utf8 { buf[at] = b; at += 1 } }
                if i < n - 1 {
                    let pad = widths[i] - cellWidths[k]
                    if pad > 0 {
                        (buf.baseAddress! + at).initialize(repeating: 32, count: pad)
                        at += pad
                    }
                } else {
                    buf[at] = 10
                    at += 1
                }
            }
            return at
        }
    }

    /// Width in runes (tabwriter counts UTF-8 runes, not bytes or display columns).
    static func width(_ s: String) -> Int {
        if let n = s.utf8.withContiguousStorageIfAvailable({ buf -> Int in
            var n = 0
            for b in buf where b & 0xC0 != 0x80 { n += 1 }
            return n
        }) { return n }
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
