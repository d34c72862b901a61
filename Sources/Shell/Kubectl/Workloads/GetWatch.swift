// `kubectl get -w|--watch-only [--output-watch-events]`: the list (unless --watch-only), then one row per change
// as virtual time passes, aligned by a tab writer that remembers column widths across flushes (kubectl's
// RememberWidths). Ends at --request-timeout, on Ctrl-C, or in script mode after `scriptCap` of virtual time.
import MiniCluster

struct GetWatch {
    /// How long a watch without --request-timeout runs in script mode.
    static let scriptCap = Duration.minutes(2)

    let type: ResourceType
    let namespace: String?
    let name: String?
    let labelSelector: String
    let fieldSelector: String
    let options: TablePrintOptions
    let output: String
    let watchOnly: Bool
    let withEvents: Bool

    /// Column widths seen so far (cells padded to max(width + 3, 6), never shrinking).
    private final class Widths { var values: [Int] = [] }

    func run(_ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster) throws -> Int32 {
        var fields = fieldSelector
        if let name { fields = fields.isEmpty ? "metadata.name=\(name)" : fields + ",metadata.name=\(name)" }
        let objects = try cluster.api.list(type, namespace: namespace, labelSelector: labelSelector, fieldSelector: fields)
        var seen = cluster.store.revision
        let widths = Widths()
        var headerDone = options.noHeaders
        let objectOutput = output.isEmpty || output == "wide" ? nil : try ObjectOutput.parse(output, tables: false, allowMissingKeys: true, session: k.session)
        var printedObjects = 0

        /// Prints objects (one table for the initial list, one row per event after), or each in the -o format.
        func emit(_ objs: [Value], event: String) throws {
            if let objectOutput {
                for obj in objs {
                    if printedObjects > 0, case .yaml = objectOutput.format { k.io.out("---\n") }
                    printedObjects += 1
                    k.io.out(try objectOutput.render(obj))
                }
                return
            }
            guard !objs.isEmpty else { return }
            var o = options
            o.noHeaders = headerDone
            var rows = TablePrinter.rows(type, objs, now: cluster.now, options: o, cache: cluster.tableRows)
            if withEvents {
                for i in rows.indices { rows[i].insert(i == 0 && !headerDone ? "EVENT" : event, at: 0) }
            }
            headerDone = true
            k.io.out(Self.format(rows, widths))
        }

        if !watchOnly {
            if objects.isEmpty, name == nil {
                k.io.errLine(namespace.map { "No resources found in \($0) namespace." } ?? "No resources found")
            }
            if objects.isEmpty, let name { throw APIError.notFound(type, name) }
            try emit(objects, event: "ADDED")
        }
        let requestTimeout = GoDuration.parse(f.string("request-timeout")) ?? 0
        let waiter = Waiter(session: k.session)
        let timeout: Duration? = requestTimeout > 0 ? Duration(ms: requestTimeout) : waiter.isInteractive ? nil : Self.scriptCap
        let outcome = try waiter.run(timeout: timeout) {
            let events = try cluster.api.watch(type, namespace: namespace, labelSelector: labelSelector,
                                               fieldSelector: fields, fromRevision: seen)
            seen = cluster.store.revision
            for e in events { try emit([e.object], event: e.type.rawValue) }
            return false
        }
        return outcome == .interrupted ? 130 : 0
    }

    /// Rows laid out with remembered widths: a column only grows.
    private static func format(_ rows: [[String]], _ widths: Widths) -> String {
        for row in rows {
            for (i, cell) in row.enumerated() where i < row.count - 1 {
                let w = max(6, TabWriter.width(cell) + 3)
                if i >= widths.values.count { widths.values.append(w) } else if w > widths.values[i] { widths.values[i] = w }
            }
        }
        var out = ""
        for row in rows {
            for (i, cell) in row.enumerated() {
                out += cell
                if i < row.count - 1 { out += String(repeating: " ", count: max(0, widths.values[i] - TabWriter.width(cell))) }
            }
            out += "\n"
        }
        return out
    }
}

extension GetVerb {
    /// `get -w`: one type (all of it, or one named object), then its changes.
    func watch(_ selection: ResourceSelection, _ f: ParsedFlags, _ k: KubectlContext, cluster: Cluster, namespace: String?) throws -> Int32 {
        guard selection.types.count == 1, let t = selection.types.first else {
            throw KubectlFailure.plain("you may only specify a single resource type")
        }
        let names = selection.items.compactMap { item -> String? in if case .named(_, let n) = item { return n }; return nil }
        if names.count > 1 { throw KubectlFailure.plain("watch is only supported on individual resources and resource collections, but \(names.count) resources were found") }
        var options = TablePrintOptions()
        options.wide = f.string("output") == "wide"
        options.withNamespace = namespace == nil
        options.showLabels = f.bool("show-labels")
        options.labelColumns = f.strings("label-columns")
        options.noHeaders = f.bool("no-headers")
        let w = GetWatch(type: t, namespace: t.namespaced ? namespace : nil, name: names.first, labelSelector: f.string("selector"),
                         fieldSelector: f.string("field-selector"), options: options, output: f.string("output"),
                         watchOnly: f.bool("watch-only"), withEvents: f.bool("output-watch-events"))
        return try w.run(f, k, cluster: cluster)
    }
}
