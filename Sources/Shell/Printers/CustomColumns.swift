// `-o custom-columns=NAME:.metadata.name,…` and `-o custom-columns-file=F` (cli-runtime customcolumn.go):
// relaxed paths, `<none>` for nothing found, several values joined by commas, Go `%v` cells, get's tabwriter.
import MiniCluster

public struct CustomColumns {
    public struct Column {
        public var header: String
        /// The path as kubectl rewrites it (`.metadata.name` → `{.metadata.name}`).
        public var fieldSpec: String
    }

    public let columns: [Column]

    /// Parses the flag value after `custom-columns=`. Throws the message kubectl prints after `error: `.
    public static func parse(spec: String) throws -> CustomColumns {
        guard !spec.isEmpty else { throw KubectlFailure.plain("custom-columns format specified but no custom columns given") }
        var cols: [Column] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw KubectlFailure.plain("unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            cols.append(Column(header: String(pieces[0]), fieldSpec: try relaxed(String(pieces[1]))))
        }
        return CustomColumns(columns: cols)
    }

    /// Parses a custom-columns file: one line of headers, one line of paths, separated by whitespace.
    public static func parse(file text: String) throws -> CustomColumns {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let usage = "Expected format is one line of space separated headers, one line of space separated column specs."
        guard let first = lines.first, !(lines.count == 1 && first.isEmpty) else {
            throw KubectlFailure.plain("invalid template, missing header line. \(usage)")
        }
        guard lines.count >= 2, !(lines.count == 2 && lines[1].isEmpty && text.hasSuffix("\n")) else {
            throw KubectlFailure.plain("invalid template, missing spec line. \(usage)")
        }
        let headers = first.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let specs = lines[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard headers.count == specs.count else {
            throw KubectlFailure.plain("number of headers (\(headers.count)) and field specifications (\(specs.count)) don't match")
        }
        return CustomColumns(columns: try zip(headers, specs).map { Column(header: $0, fieldSpec: try relaxed($1)) })
    }

    /// kubectl's RelaxedJSONPathExpression: `name`, `.name`, `{name}`, `{.name}` all become `{.name}`.
    public static func relaxed(_ path: String) throws -> String {
        if path.isEmpty { return path }
        var body = Substring(path)
        if body.hasPrefix("{") && body.hasSuffix("}") && body.count >= 2 { body = body.dropFirst().dropLast() }
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains("{"), !body.contains("}") else {
            throw KubectlFailure.plain("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
        }
        return "{.\(body)}"
    }

    /// The table for these objects (items of a List print one row each), aligned like `kubectl get`.
    public func render(_ objects: [Value], noHeaders: Bool) throws -> String {
        guard !objects.isEmpty else { return "" }
        let paths = try columns.map { c -> JSONPath in
            do { return try JSONPath(c.fieldSpec) } catch let e as JSONPath.ParseError { throw KubectlFailure.plain(e.message) }
        }
        var rows: [[String]] = noHeaders ? [] : [columns.map(\.header)]
        for obj in objects {
            rows.append(try paths.map { path in
                let groups: [[Value]]
                do { groups = try path.findResults(obj) } catch let e as JSONPath.ExecError { throw KubectlFailure.plain(e.message) }
                guard let first = groups.first, !first.isEmpty else { return "<none>" }
                return groups.flatMap { $0 }.map(GoValueFormat.v).joined(separator: ",")
            })
        }
        return TabWriter().format(rows)
    }
}
