@testable import MiniCluster
import XCTest

/// The simulated gossip ring and `nodetool status` as Cassandra 3.11 lays it out.
final class CassandraRingTests: XCTestCase {
    private func member(_ addr: String, _ id: String, load: String = "83.57 KiB", weight: Double = 1, dc: String = "DC1-K8Demo")
        -> CassandraRings.Member {
        CassandraRings.Member(identity: addr, address: addr, hostID: id, load: load, weight: weight, datacenter: dc,
                              rack: "Rack1-K8Demo", joinsAt: Timestamp(ms: 0))
    }

    func testStatusLayoutMatchesNodetool() {
        // No running program behind these members: the ring shows them Down, as after their JVMs stopped.
        let out = CassandraRings.status([member("172.17.0.5", "e2dd09e6-d9d3-477e-96c5-45094c08db0f"),
                                         member("172.17.0.4", "f89d6835-3a42-4419-92b3-0e62cae1479c", load: "101.04 KiB")],
                                        now: Timestamp(ms: 0), tokens: 32)
        XCTAssertEqual(out, """
            Datacenter: DC1-K8Demo
            ======================
            Status=Up/Down
            |/ State=Normal/Leaving/Joining/Moving
            --  Address     Load       Tokens       Owns (effective)  Host ID                               Rack
            DN  172.17.0.5  83.57 KiB  32           100.0%            e2dd09e6-d9d3-477e-96c5-45094c08db0f  Rack1-K8Demo
            DN  172.17.0.4  101.04 KiB  32           100.0%            f89d6835-3a42-4419-92b3-0e62cae1479c  Rack1-K8Demo

            """)
    }

    func testEffectiveOwnershipAddsUpToTwoCopiesAndDatacentersAreBlocks() {
        let out = CassandraRings.status([member("10.0.0.1", "a", weight: 1), member("10.0.0.2", "b", weight: 1),
                                         member("10.0.0.3", "c", weight: 2), member("10.0.1.1", "d", dc: "DC2")],
                                        now: Timestamp(ms: 0), tokens: 32)
        XCTAssertTrue(out.contains("Datacenter: DC2\n===============\n"))
        XCTAssertEqual(out.components(separatedBy: "Datacenter: ").count, 3)
        XCTAssertTrue(out.contains("40.0%") && out.contains("80.0%"))
    }

    func testAFreshRingHasNoMembers() {
        XCTAssertTrue(CassandraRings(seed: 1).members(of: "K8Demo", at: Timestamp(ms: 0)).isEmpty)
    }
}
