// Cassandra's gossip ring, simulated: each node of a cluster name that started and reached a seed is a member;
// `nodetool status` prints the members as the node it runs on sees them. The rings belong to one cluster network
// (never global), which containers reach through their `NetworkDialer`.
import Foundation

/// The Cassandra rings of one network, by cluster name.
public final class CassandraRings {
    /// One node as gossip knows it. The host ID stays with the pod's identity (a StatefulSet pod keeps its data),
    /// so a restarted `cassandra-1` takes its old place with a new address.
    final class Member {
        let identity: String
        var address: String
        let hostID: String
        let load: String
        let weight: Double
        let datacenter: String
        let rack: String
        /// When the others first heard of it (its JVM up): before that gossip does not know it at all.
        let joinsAt: Timestamp
        /// The running node; nil or stopped: the others see it `DN`.
        weak var program: ServerProgram?
        init(identity: String, address: String, hostID: String, load: String, weight: Double, datacenter: String, rack: String,
             joinsAt: Timestamp) {
            self.identity = identity; self.address = address; self.hostID = hostID; self.load = load; self.weight = weight
            self.datacenter = datacenter; self.rack = rack; self.joinsAt = joinsAt
        }

        /// Up once the JVM listens on the gossip port (7000), until the process ends.
        func isUp(now: Timestamp) -> Bool { program?.listens(on: 7000, now: now) ?? false }
    }

    private var rings: [String: [Member]] = [:]
    /// Host IDs and loads, seeded so transcripts are stable.
    private var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0x6361_7373_616E_6472) }

    /// The members of a ring, in the order nodetool lists them (by host ID, which looks random as token order does).
    /// Only nodes that came up once are known; one that stopped stays, `DN`, as gossip keeps it until removed.
    func members(of cluster: String, at now: Timestamp) -> [Member] { (rings[cluster] ?? []).filter { $0.joinsAt <= now } }

    /// Whether a live member of the ring has this address (a seed gossip can reach).
    func hasLiveMember(_ cluster: String, address: String, now: Timestamp) -> Bool {
        members(of: cluster, at: now).contains { $0.address == address && $0.isUp(now: now) }
    }

    /// Adds a node to its ring, or gives a known identity its new address and process.
    func join(cluster: String, identity: String, address: String, datacenter: String, rack: String, program: ServerProgram,
              at joinsAt: Timestamp) {
        var list = rings[cluster] ?? []
        if let m = list.first(where: { $0.identity == identity }) {
            m.address = address
            m.program = program
            return
        }
        let m = Member(identity: identity, address: address, hostID: nextUUID(), load: nextLoad(),
                       weight: 0.7 + Double(random.next() % 600) / 1000, datacenter: datacenter, rack: rack,
                       joinsAt: joinsAt)
        m.program = program
        list.append(m)
        list.sort { $0.hostID < $1.hostID }
        rings[cluster] = list
    }

    private func nextUUID() -> String {
        let hex = (0..<32).map { _ in String(random.next() % 16, radix: 16) }
        var s = hex.joined()
        // Version 4 and the RFC 4122 variant, as java.util.UUID.randomUUID() makes them.
        let chars = Array(s)
        s = String(chars[0..<12]) + "4" + String(chars[13..<16]) + ["8", "9", "a", "b"][Int(random.next() % 4)] + String(chars[17...])
        let c = Array(s)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }

    private func nextLoad() -> String {
        let hundredths = 6_500 + Int(random.next() % 4_500)
        return "\(hundredths / 100).\(SystemApplets.zeroPad(hundredths % 100, 2)) KiB"
    }

    /// `nodetool status` as Cassandra 3.11 prints it: one block per datacenter, a column as wide as its longest
    /// address, "Owns (effective)" as the system keyspaces replicate (two copies once there are two nodes).
    static func status(_ members: [Member], now: Timestamp, tokens: Int) -> String {
        let total = 100.0 * Double(min(members.count, 2))
        let weights = members.reduce(0) { $0 + $1.weight }
        let width = max(7, members.map(\.address.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func row(_ st: String, _ addr: String, _ load: String, _ tok: String, _ owns: String, _ id: String, _ rack: String) -> String {
            st + "  " + pad(addr, width) + "  " + pad(load, 9) + "  " + pad(tok, 11) + "  " + pad(owns, 16) + "  " + pad(id, 36) + "  " + rack + "\n"
        }
        var out = ""
        var dcs: [String] = []
        for m in members where !dcs.contains(m.datacenter) { dcs.append(m.datacenter) }
        for dc in dcs.sorted() {
            let title = "Datacenter: " + dc
            out += title + "\n" + String(repeating: "=", count: title.count) + "\n"
            out += "Status=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n"
            out += row("--", "Address", "Load", "Tokens", "Owns (effective)", "Host ID", "Rack")
            for m in members where m.datacenter == dc {
                let share = min(100, weights > 0 ? total * m.weight / weights : 0)
                out += row(m.isUp(now: now) ? "UN" : "DN", m.address, m.load, String(tokens), String(format: "%.1f%%", share), m.hostID, m.rack)
            }
        }
        return out
    }
}
