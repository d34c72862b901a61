// kubectl's human-readable printer (cli-runtime's tableprinter) over the server-side tables of MiniCluster:
// upper-cased headers, wide columns, NAMESPACE first with -A, -L columns and LABELS last, `kind.group/` name
// prefixes in multi-type output, cells cut at the first line break.
import Foundation
import MiniCluster

public struct TablePrintOptions {
    public var wide = false
    public var withNamespace = false
    public var withKind = false
    public var showLabels = false
    /// `-L` label keys, one column each.
    public var labelColumns: [String] = []
    public var noHeaders = false
    public init() {}
}

public enum TablePrinter {
    /// The rows of one type's table (header first unless `noHeaders`); empty when there are no objects,
    /// since kubectl prints no headers for an empty table.
    public static func rows(_ t: ResourceType, _ objects: [Value], now: Timestamp, options o: TablePrintOptions,
                            cache: TableRowCache? = nil) -> [[String]] {
        guard let table = table(t, objects, now: now, options: o, cache: cache) else { return [] }
        return table.rows
    }

    /// The whole table as kubectl prints it (empty string for no objects).
    public static func render(_ t: ResourceType, _ objects: [Value], now: Timestamp, options: TablePrintOptions,
                              cache: TableRowCache? = nil) -> String {
        guard let table = table(t, objects, now: now, options: options, cache: cache) else { return "" }
        return TabWriter().format(table)
    }

    /// The cells of the table, row-major, cleaned and measured as they are added: `get pods -A` over 10,000
    /// pods builds no per-row arrays, and cached rows (`TableRowCache`) only have their ages rendered.
    static func table(_ t: ResourceType, _ objects: [Value], now: Timestamp, options o: TablePrintOptions,
                      cache: TableRowCache?) -> FlatTable? {
        guard !objects.isEmpty else { return nil }
        let spec = Tables.spec(for: t)
        let shown = spec.columns.indices.filter { o.wide || spec.columns[$0].priority == 0 }
        let namespaced = o.withNamespace && t.namespaced
        let kindPrefix = t.kind.lowercased() + (t.group.isEmpty ? "" : "." + t.group) + "/"
        let nameColumn = o.withKind ? spec.nameColumn : nil
        let withLabels = !o.labelColumns.isEmpty || o.showLabels

        var table = FlatTable(columns: (namespaced ? 1 : 0) + shown.count + o.labelColumns.count + (o.showLabels ? 1 : 0))
        table.reserve(rows: objects.count + 1)
        if !o.noHeaders {
            if namespaced { table.append("NAMESPACE") }
            for i in shown { table.append(spec.columns[i].name.uppercased()) }
            for key in o.labelColumns { table.append(labelHeader(key)) }
            if o.showLabels { table.append("LABELS") }
        }
        // With a cache, rows come prepared for the whole list (an unchanged list is not read again).
        let list = cache?.preparedList(spec, key: "\(t.group)/\(t.kind)", objects)
        for n in objects.indices {
            // Objects are only read when their row is not prepared: a cached row touches none of the tree.
            if namespaced { table.append(list?.namespaces[n] ?? objects[n].metadataNamespace ?? "") }
            if let cache, let prepared = list?.rows[n] {
                for i in shown {
                    guard i < prepared.count else { table.append(""); continue }
                    switch prepared[i] {
                    case .text(let s): table.append(s, prefix: i == nameColumn ? kindPrefix : nil)
                    case .since(let at?, let prefix, let suffix):
                        let age = cache.age(at, now: now)
                        table.append(prefix.isEmpty && suffix.isEmpty ? age : prefix + age + suffix)
                    case .since(nil, _, _): table.append(prepared[i].render(now))
                    }
                }
            } else {
                let cells = spec.cells(objects[n], now)
                for i in shown { table.append(i < cells.count ? cells[i] : "", prefix: i == nameColumn ? kindPrefix : nil) }
            }
            if withLabels {
                let labels = objects[n].labels
                for key in o.labelColumns { table.append(labels[key] ?? "") }
                if o.showLabels { table.append(formatLabels(labels)) }
            }
        }
        return table
    }

    /// `-L app.kubernetes.io/name` → `NAME`: the upper-cased last segment of the key.
    static func labelHeader(_ key: String) -> String {
        (key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key).uppercased()
    }

    /// `labels.FormatLabels`: `k=v` sorted by key, joined by `,`; `<none>` when empty.
    public static func formatLabels(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "<none>" }
        return labels.keys.sorted().map { "\($0)=\(labels[$0] ?? "")" }.joined(separator: ",")
    }

    /// A string cell as the printer writes it: cut at the first `\n`, `\r` or `\f` (then `...`), ESC shown as `^[`.
    static func clean(_ s: String) -> String {
        var needsWork = false
        for b in s.utf8 where b == 10 || b == 13 || b == 12 || b == 27 { needsWork = true; break }
        if !needsWork { return s }
        return cleaned(s)
    }

    /// `clean` for a cell known to hold a line break or an escape.
    static func cleaned(_ s: String) -> String {
        var out = s
        if let cut = out.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" }) {
            out = String(out[..<cut]) + "..."
        }
        return out.replacingOccurrences(of: "\u{1B}", with: "^[")
    }
}

/// A table's cells in row-major order with their widths in runes (tabwriter's measure), for `TabWriter`.
struct FlatTable {
    let columns: Int
    private(set) var cells: [String] = []
    private(set) var widths: [Int] = []

    init(columns: Int) { self.columns = max(columns, 1) }

    mutating func reserve(rows: Int) {
        cells.reserveCapacity(rows * columns)
        widths.reserveCapacity(rows * columns)
    }

    /// Adds a cell, cleaned as the printer cleans cells (`TablePrinter.clean`), after an optional prefix.
    mutating func append(_ cell: String, prefix: String? = nil) {
        // One pass finds both the width and whether the cell needs cleaning (rarely).
        var width = 0, special = false
        let measured: Void? = cell.utf8.withContiguousStorageIfAvailable { buf in
            for b in buf {
                if b & 0xC0 != 0x80 { width += 1 }
                if b < 32, b == 10 || b == 13 || b == 12 || b == 27 { special = true }
            }
        }
        if measured == nil {
            for b in cell.utf8 {
                if b & 0xC0 != 0x80 { width += 1 }
                if b < 32, b == 10 || b == 13 || b == 12 || b == 27 { special = true }
            }
        }
        var text = cell
        if special {
            text = TablePrinter.cleaned(cell)
            width = TabWriter.width(text)
        }
        if let prefix {
            text = prefix + text
            width += TabWriter.width(prefix)
        }
        cells.append(text)
        widths.append(width)
    }

    var rows: [[String]] {
        stride(from: 0, to: cells.count, by: columns).map { Array(cells[$0..<min($0 + columns, cells.count)]) }
    }
}
