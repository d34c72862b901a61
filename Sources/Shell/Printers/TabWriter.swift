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
