// Facts about Google Cloud that the simulated gcloud needs offline: regions and their zones, machine types.

/// A Compute Engine machine type: what one node VM offers.
public struct MachineType: Equatable, Sendable {
    public var name: String
    public var cpus: Int
    public var memoryMiB: Int
    /// Shared-core types (e2-micro/small/medium) burst to 2 vCPUs but are sold by fractions of one.
    public var isSharedCore: Bool
}

public enum GCPCatalog {
    /// Regions the course uses and their zones (the zone suffixes Google Cloud really has in each).
    public static let regions: [String: [String]] = [
        "us-central1": ["a", "b", "c", "f"],
        "us-east1": ["b", "c", "d"],
        "us-east4": ["a", "b", "c"],
        "us-west1": ["a", "b", "c"],
        "europe-west1": ["b", "c", "d"],
        "europe-west2": ["a", "b", "c"],
        "europe-west4": ["a", "b", "c"],
        "asia-east1": ["a", "b", "c"],
        "asia-southeast1": ["a", "b", "c"],
    ]

    /// Machine types by name (E2, N1, N2 general purpose sizes).
    public static let machineTypes: [String: MachineType] = {
        var m: [String: MachineType] = [:]
        func add(_ n: String, _ c: Int, _ mem: Int, shared: Bool = false) { m[n] = MachineType(name: n, cpus: c, memoryMiB: mem, isSharedCore: shared) }
        add("e2-micro", 2, 1024, shared: true); add("e2-small", 2, 2048, shared: true); add("e2-medium", 2, 4096, shared: true)
        for c in [2, 4, 8, 16, 32] {
            add("e2-standard-\(c)", c, c * 4096); add("e2-highmem-\(c)", c, c * 8192); add("e2-highcpu-\(c)", c, c * 1024)
            add("n2-standard-\(c)", c, c * 4096); add("n1-standard-\(c)", c, c * 3840)
        }
        add("n1-standard-1", 1, 3840)
        return m
    }()

    /// The region a zone belongs to (`us-central1-a` → `us-central1`), if the zone exists.
    public static func region(ofZone zone: String) -> String? {
        guard let dash = zone.lastIndex(of: "-") else { return nil }
        let region = String(zone[..<dash])
        let suffix = String(zone[zone.index(after: dash)...])
        return regions[region]?.contains(suffix) == true ? region : nil
    }

    public static func isRegion(_ s: String) -> Bool { regions[s] != nil }

    /// The zones of a region, in order (`us-central1` → `us-central1-a`, `-b`, `-c`, `-f`).
    public static func zones(of region: String) -> [String] { (regions[region] ?? []).map { "\(region)-\($0)" } }

    /// The zones GKE picks for a regional cluster without `--node-locations`: three of the region's.
    public static func defaultNodeZones(of region: String) -> [String] { Array(zones(of: region).prefix(3)) }
}
