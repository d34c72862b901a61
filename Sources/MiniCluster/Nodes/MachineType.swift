// Compute Engine machine types a node pool can use, and what GKE reserves on each (capacity → allocatable).

/// A machine type's shape: vCPUs and memory as the kubelet reports them in `status.capacity`.
public struct MachineType: Equatable, Sendable {
    public let name: String
    public let cpus: Int
    /// `capacity.memory` in KiB (a little under the nominal size: the kernel keeps some).
    public let memoryKi: Int64
    /// Shared-core machines (e2-micro/small/medium) get GKE's fixed 1060m CPU reservation.
    public let sharedCore: Bool

    public var family: String { String(name.split(separator: "-").first ?? "e2") }

    /// The types the simulator knows; unknown names fall back to e2-medium's shape with the given name.
    public static let known: [MachineType] = [
        MachineType(name: "e2-micro", cpus: 2, memoryKi: 1_002_500, sharedCore: true),
        MachineType(name: "e2-small", cpus: 2, memoryKi: 2_030_268, sharedCore: true),
        MachineType(name: "e2-medium", cpus: 2, memoryKi: 4_022_884, sharedCore: true),
        MachineType(name: "e2-standard-2", cpus: 2, memoryKi: 8_138_024, sharedCore: false),
        MachineType(name: "e2-standard-4", cpus: 4, memoryKi: 16_393_000, sharedCore: false),
        MachineType(name: "e2-standard-8", cpus: 8, memoryKi: 32_871_320, sharedCore: false),
        MachineType(name: "e2-standard-16", cpus: 16, memoryKi: 65_848_980, sharedCore: false),
        MachineType(name: "n1-standard-1", cpus: 1, memoryKi: 3_785_940, sharedCore: false),
        MachineType(name: "n1-standard-2", cpus: 2, memoryKi: 7_658_252, sharedCore: false),
        MachineType(name: "n1-standard-4", cpus: 4, memoryKi: 15_399_692, sharedCore: false),
        MachineType(name: "n2-standard-2", cpus: 2, memoryKi: 8_138_024, sharedCore: false),
        MachineType(name: "n2-standard-4", cpus: 4, memoryKi: 16_393_000, sharedCore: false),
    ]

    public static func named(_ name: String) -> MachineType {
        known.first { $0.name == name } ?? MachineType(name: name, cpus: 2, memoryKi: 4_022_884, sharedCore: false)
    }

    /// Allocatable millicores: GKE reserves 6% of the first core, 1% of the second, 0.5% of the next two and
    /// 0.25% above four; shared-core machines keep only 940m.
    public var allocatableMilliCPU: Int64 {
        if sharedCore { return 940 }
        let total = Int64(cpus) * 1000
        var reserved: Double = 0
        for core in 0..<cpus {
            reserved += core == 0 ? 60 : core == 1 ? 10 : core < 4 ? 5 : 2.5
        }
        return total - Int64(reserved.rounded(.up))
    }

    /// Allocatable memory in KiB: GKE's tiered reservation (25% of the first 4 GiB, 20% of the next 4, 10% of the
    /// next 8, 6% of the next 112, 2% above) plus the 100 MiB eviction threshold; 255 MiB below 1 GiB.
    public var allocatableMemoryKi: Int64 {
        let gib: Double = 1_048_576
        let mem = Double(memoryKi)
        var reserved: Double
        if mem < gib { reserved = 255 * 1024 } else {
            reserved = 0
            let tiers: [(Double, Double)] = [(4, 0.25), (4, 0.20), (8, 0.10), (112, 0.06), (.infinity, 0.02)]
            var left = mem
            for (size, rate) in tiers where left > 0 {
                let part = min(left, size * gib)
                reserved += part * rate
                left -= part
            }
        }
        return memoryKi - Int64(reserved.rounded()) - 102_400
    }
}
