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
    public var cells: (_ object: Value, _ now: Timestamp) -> [String]

    public init(columns: [TableColumn], cells: @escaping (Value, Timestamp) -> [String]) {
        self.columns = columns
        self.cells = cells
    }

    /// The apiserver's default table convertor for kinds with no printer (Role, ClusterRole …): NAME, CREATED AT.
    public static let `default` = TableSpec(columns: [TableColumn("Name"), TableColumn("Created At")]) { obj, _ in
        [obj.metadataName, obj.creationTimestamp?.rfc3339 ?? "<unknown>"]
    }
}

public enum Tables {
    /// Table specs by `group/Kind`. Each kind family's file adds its entry here.
    static let specs: [String: TableSpec] = [:]

    /// The table for a resource type (the default convertor when the kind has no printer).
    public static func spec(for t: ResourceType) -> TableSpec { specs["\(t.group)/\(t.kind)"] ?? .default }
}
