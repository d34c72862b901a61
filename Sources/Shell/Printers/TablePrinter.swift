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
        guard !objects.isEmpty else { return [] }
        let spec = Tables.spec(for: t)
        let shown = spec.columns.indices.filter { o.wide || spec.columns[$0].priority == 0 }
        let namespaced = o.withNamespace && t.namespaced
        let kindPrefix = t.kind.lowercased() + (t.group.isEmpty ? "" : "." + t.group) + "/"
        let nameColumn = o.withKind ? spec.nameColumn : nil

        var rows: [[String]] = []
        rows.reserveCapacity(objects.count + 1)
        if !o.noHeaders {
            var header: [String] = namespaced ? ["NAMESPACE"] : []
            header += shown.map { spec.columns[$0].name.uppercased() }
            header += o.labelColumns.map { labelHeader($0) }
            if o.showLabels { header.append("LABELS") }
            rows.append(header)
        }
        for obj in objects {
            // metadata is read once per row: over thousands of rows each lookup of the tree shows.
            let meta = obj["metadata"]
            let cells = cache?.cells(spec, obj, resourceVersion: meta?["resourceVersion"]?.stringValue, now: now)
                ?? spec.cells(obj, now)
            var row: [String] = []
            row.reserveCapacity(shown.count + 2 + o.labelColumns.count)
            if namespaced { row.append(meta?["namespace"]?.stringValue ?? "") }
            for i in shown {
                let cell = i < cells.count ? clean(cells[i]) : ""
                row.append(i == nameColumn ? kindPrefix + cell : cell)
            }
            if !o.labelColumns.isEmpty || o.showLabels {
                let labels = obj.labels
                for key in o.labelColumns { row.append(clean(labels[key] ?? "")) }
                if o.showLabels { row.append(formatLabels(labels)) }
            }
            rows.append(row)
        }
        return rows
    }

    /// The whole table as kubectl prints it (empty string for no objects).
    public static func render(_ t: ResourceType, _ objects: [Value], now: Timestamp, options: TablePrintOptions,
                              cache: TableRowCache? = nil) -> String {
        let r = rows(t, objects, now: now, options: options, cache: cache)
        return r.isEmpty ? "" : TabWriter().format(r)
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
        var out = s
        if let cut = out.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" }) {
            out = String(out[..<cut]) + "..."
        }
        return out.replacingOccurrences(of: "\u{1B}", with: "^[")
    }
}
