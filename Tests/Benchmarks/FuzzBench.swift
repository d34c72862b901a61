// The long robustness run: many more mutated manifests and command lines than `make test` tries.
import Foundation
import MiniCluster
import Shell
import TestSupport

func benchFuzz(manifestDir: URL, rounds: Int) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-fuzz-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: manifestDir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    let docs = names.compactMap { try? String(contentsOf: manifestDir.appendingPathComponent($0), encoding: .utf8) }
    var rng = SeededRandom(seed: 99)
    let session = ShellSession.withDefaultCluster(cwd: dir, seed: 1)
    var unanswered = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<rounds {
        let line: String
        if !docs.isEmpty, i % 2 == 0 {
            let text = Fuzz.mutateText(docs[i % docs.count], using: &rng)
            try? text.write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
            line = "kubectl apply -f m.yaml"
        } else {
            line = Fuzz.commandLine(using: &rng)
        }
        let out = Output()
        let status = session.runLine(line, output: out)
        // Silence is an answer when the output went to a file or grep found nothing (exit 1).
        let silentByDesign = line.contains(">") || (status == 1 && line.hasPrefix("grep "))
        if status != 0, out.combined.isEmpty, !silentByDesign {
            unanswered += 1
            // The first few are shown, so a silent failure can be reproduced with `kubetutor sandbox`.
            if unanswered <= 5 { FileHandle.standardError.write(Data("unanswered (exit \(status)): \(line.prefix(300))\n".utf8)) }
        }
    }
    let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    print(String(format: "%-60@ %9.2f ms total, %d unanswered", "fuzz: \(rounds) mutated manifests and command lines" as NSString, ms, unanswered))
}
