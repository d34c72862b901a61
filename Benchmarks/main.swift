// `make bench`: prints the median of each benchmark. Targets live in the issues; numbers are printed, not asserted.
import Foundation
import MiniCluster
import Shell

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
}

func report(_ name: String, _ ms: Double) { print(String(format: "%-60@ median %9.2f ms", name as NSString, ms)) }

report("cluster start (empty store)", median(21) { _ = Cluster() })

for n in [100, 1_000, 10_000] { benchGetPods(n) }
benchApply()
benchFuzz(manifestDir: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../shared/reference/manifests").standardizedFileURL, rounds: 20_000)
sandboxStartup()
