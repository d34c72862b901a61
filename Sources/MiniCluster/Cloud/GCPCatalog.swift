// Facts about Google Cloud that the simulated gcloud needs offline: regions and their zones, machine types.

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

    /// Machine types gcloud accepts here (E2, N1, N2 general-purpose sizes); node capacity comes from `MachineType`.
    public static let machineTypes: Set<String> = {
        var m: Set<String> = ["e2-micro", "e2-small", "e2-medium", "n1-standard-1"]
        for c in [2, 4, 8, 16, 32] {
            m.formUnion(["e2-standard-\(c)", "e2-highmem-\(c)", "e2-highcpu-\(c)", "n2-standard-\(c)", "n1-standard-\(c)"])
        }
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

    /// GKE's rule for cluster names, `[a-z]([-a-z0-9]{0,38}[a-z0-9])?`: a lowercase letter first, then letters, digits
    /// and dashes, not ending in a dash, at most 40 characters.
    public static func isClusterName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        func lower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
        func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        guard let first = b.first, let last = b.last, b.count <= 40, lower(first), lower(last) || digit(last) else { return false }
        return b.allSatisfy { lower($0) || digit($0) || $0 == 45 }
    }

    /// The zones of a region, in order (`us-central1` → `us-central1-a`, `-b`, `-c`, `-f`).
    public static func zones(of region: String) -> [String] { (regions[region] ?? []).map { "\(region)-\($0)" } }

    /// The zones GKE picks for a regional cluster without `--node-locations`: three of the region's.
    public static func defaultNodeZones(of region: String) -> [String] { Array(zones(of: region).prefix(3)) }
}
