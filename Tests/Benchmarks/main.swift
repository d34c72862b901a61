// `make bench`: prints the median of each benchmark. Targets live in the issues; numbers are printed, not asserted.
import Foundation
import MiniCluster
import Shell

/// The median wall time of `runs` runs, in milliseconds. The CPU time this thread spent is kept beside it
/// (`lastMedianCPU`), because on a busy machine wall time also counts the waits for a core.
func median(_ runs: Int, _ body: () -> Void) -> Double { median(runs, setup: {}, body) }

/// The same with a set-up before each run that is not timed; the timed part gets what it made.
func median<T>(_ runs: Int, setup: () -> T, _ body: (T) -> Void) -> Double {
    var times: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
        let made = setup()
        let c0 = threadCPUms()
        let t0 = DispatchTime.now().uptimeNanoseconds
        body(made)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        cpu.append(threadCPUms() - c0)
    }
    times.sort()
    cpu.sort()
    lastMedianCPU = cpu[cpu.count / 2]
    return times[times.count / 2]
}

nonisolated(unsafe) var lastMedianCPU = 0.0

func threadCPUms() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
}

/// `kubetutor-bench WORD…` runs only the benchmarks whose key contains one of the words (for profiling one).
let selection = CommandLine.arguments.dropFirst().map { $0.lowercased() }
func selected(_ key: String) -> Bool { selection.isEmpty || selection.contains { key.contains($0) } }

/// One line per benchmark: the wall-time median, and this thread's CPU-time median when the work ran in-process.
func report(_ name: String, _ ms: Double, inProcess: Bool = true) {
    let cpu = inProcess ? String(format: "  (cpu %8.2f ms)", lastMedianCPU) : ""
    print(String(format: "%-60@ median %9.2f ms%@", name as NSString, ms, cpu as NSString))
}

if selected("start") { report("cluster start (empty store)", median(21) { _ = Cluster() }) }
if selected("get") { for n in [100, 1_000, 10_000] { benchGetPods(n) } }
if selected("apply") { benchApply() }
if selected("fuzz") { benchFuzz(manifestDir: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../../shared/reference/manifests").standardizedFileURL, rounds: 20_000) }
if selected("sandbox") { sandboxStartup() }
if selected("schedul") { benchScheduler() }
if selected("deployment") { benchDeploymentConverges() }
if selected("probes") { benchProbesForADay() }
if selected("tui") { benchTUI() }
if selected("player") { playerStartup() }
