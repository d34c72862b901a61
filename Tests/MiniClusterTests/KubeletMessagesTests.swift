@testable import MiniCluster
import XCTest

/// Event messages kept for the next pod are the messages made afresh, byte for byte, over random sequences of
/// images, pull times, sizes and container names (canonically equal spellings included).
final class KubeletMessagesTests: XCTestCase {
    func testKeptMessagesAreTheOnesMade() {
        var g = SeededRandom(seed: 111)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let images = ["nginx:1.25", "caf\u{E9}:1", "cafe\u{301}:1", "K", "\u{212A}", ""]
        let names = ["web", "K", "\u{212A}", "sidecar-1", ""]
        let messages = KubeletMessages()
        for i in 0..<3_000 {
            let image = pick(images), name = pick(names)
            let took = Duration(ms: pick([0, 999, 1_000, 1_234, 61_500])), size = pick([0, 1, 67_000_000] as [Int64])
            XCTAssertEqual(Array(messages.pulling(image).utf8), Array("Pulling image \"\(image)\"".utf8), "\(i)")
            let d = KubeletText.goDuration(took)
            XCTAssertEqual(Array(messages.pulled(image, took: took, size: size).utf8),
                           Array("Successfully pulled image \"\(image)\" in \(d) (\(d) including waiting). Image size: \(size) bytes.".utf8),
                           "\(i)")
            let texts = messages.createdAndStarted(name)
            XCTAssertEqual(Array(texts.created.utf8), Array("Created container: \(name)".utf8), "\(i)")
            XCTAssertEqual(Array(texts.started.utf8), Array("Started container \(name)".utf8), "\(i)")
        }
    }
}

/// The kubelet's hosts file made in one buffer is the interpolated text it was made from before.
final class KubeletFilesTests: XCTestCase {
    func testHostsFileIsTheInterpolatedText() {
        var g = SeededRandom(seed: 112)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        for _ in 0..<500 {
            let ip = pick(["10.8.0.2", "", "fd00::1"]), host = pick(["web-0", "caf\u{E9}", "cafe\u{301}", ""])
            let ns = pick(["default", "K", "\u{212A}"]), sub = pick([nil, "", "svc", "a-long-subdomain-name"] as [String?])
            var fqdn = ""
            if let sub, !sub.isEmpty { fqdn = "\(host).\(sub).\(ns).svc.cluster.local\t" }
            let hosts = """
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                \(ip)\t\(fqdn)\(host)

                """
            let files = DistroFiles.kubeletFiles(podName: "p", namespace: ns, podIP: ip, hostname: host, subdomain: sub)
            XCTAssertEqual(files["/etc/hosts"].map { Array($0.utf8) }, Array(hosts.utf8), "\(ip) \(host) \(ns) \(String(describing: sub))")
        }
    }
}
