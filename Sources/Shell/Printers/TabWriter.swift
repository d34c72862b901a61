// kubectl's table alignment (cli-runtime's tabwriter: liggitt/tabwriter with minwidth 6, padding 3, padchar ' '):
// every cell but a row's last is padded to its column's width = max(widest cell + 3, 6), measured in runes.

public struct TabWriter {
    public var minWidth = 6
    public var padding = 3

    public init() {}

    /// Lays out rows of cells. Rows may differ in length: a column's width covers the rows that have a cell in it
    /// that is not their last (the last cell of a row is written unpadded, as tabwriter's trailing cell).
    public func format(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        var total = 0
        for row in rows {
            total += 1
            for (i, cell) in row.enumerated() {
                let w = Self.width(cell)
                total += w
                if i == row.count - 1 { break }
                if i >= widths.count { widths.append(minWidth) }
                if w + padding > widths[i] { widths[i] = w + padding }
            }
        }
        // Built as bytes: this runs over every row of `get pods -A`, so it must stay linear and cheap.
        var out: [UInt8] = []
        out.reserveCapacity(total * 2 + rows.count * widths.reduce(0, +))
        for row in rows {
            for (i, cell) in row.enumerated() {
                out.append(contentsOf: cell.utf8)
                if i < row.count - 1 {
                    let pad = widths[i] - Self.width(cell)
                    if pad > 0 { out.append(contentsOf: repeatElement(UInt8(32), count: pad)) }
                }
            }
            out.append(10)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Width in runes (tabwriter counts UTF-8 runes, not bytes or display columns).
    static func width(_ s: String) -> Int {
        var n = 0
        for b in s.utf8 where b & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
