// Server-side tables (the API server's Table responses): columns and cells per kind; Shell only lays them out.

/// A column of a kind's table, as the API server's Table response declares it.
public struct TableColumn: Sendable, Equatable {
    public var name: String
    /// 0 = always shown; 1 = only with `-o wide`.
    public var priority: Int
    public init(_ name: String, priority: Int = 0) { self.name = name; self.priority = priority }
}

/// The columns of one kind's table and how to compute a row's cells (wide cells included, in column order).
public struct TableSpec {
    public var columns: [TableColumn]
    /// The column whose format is "name" (kubectl prefixes it with `kind.group/` in multi-type output); nil if none.
    public var nameColumn: Int?
    public var cells: (_ object: Value, _ now: Timestamp) -> [String]
    /// For hot kinds: the row with its time-dependent cells left open, so it can be cached per object state.
    public var prepare: ((_ object: Value) -> [TimedCell])?

    public init(columns: [TableColumn], nameColumn: Int? = 0, cells: @escaping (Value, Timestamp) -> [String]) {
        self.columns = columns
        self.nameColumn = nameColumn
        self.cells = cells
    }

    /// A table whose rows are prepared once per object state and rendered at `now`.
    init(_ names: [String], nameColumn: Int? = 0, prepare: @escaping (Value) -> [TimedCell]) {
        self.init(names, nameColumn: nameColumn) { obj, now in prepare(obj).map { $0.render(now) } }
        self.prepare = prepare
    }

    /// Columns given as names; a trailing `*` marks a wide-only (priority 1) column.
    init(_ names: [String], nameColumn: Int? = 0, cells: @escaping (Value, Timestamp) -> [String]) {
        self.init(columns: names.map { $0.hasSuffix("*") ? TableColumn(String($0.dropLast()), priority: 1) : TableColumn($0) },
                  nameColumn: nameColumn, cells: cells)
    }

    /// The apiserver's default table convertor for kinds with no printer (Role, ClusterRole …): NAME, CREATED AT.
    public static let `default` = TableSpec(columns: [TableColumn("Name"), TableColumn("Created At")]) { obj, _ in
        [obj.metadataName, obj.creationTimestamp?.rfc3339 ?? "<unknown>"]
    }
}

public enum Tables {
    /// Table specs by `group/Kind`. Each kind family's file adds its entries here.
    static let specs: [String: TableSpec] = {
        var all: [String: TableSpec] = [:]
        for family in [podTables, workloadTables, batchTables, serviceTables, configTables, nodeTables, storageTables,
                       rbacTables, eventTables, policyTables, hpaTables, multiClusterTables, leaseTables] {
            all.merge(family) { a, _ in a }
        }
        return all
    }()

    /// The table for a resource type (the default convertor when the kind has no printer).
    public static func spec(for t: ResourceType) -> TableSpec { specs["\(t.group)/\(t.kind)"] ?? .default }

    /// Whether the kind has its own printer (false: the default NAME / CREATED AT convertor).
    public static func hasPrinter(_ t: ResourceType) -> Bool { specs["\(t.group)/\(t.kind)"] != nil }
}
