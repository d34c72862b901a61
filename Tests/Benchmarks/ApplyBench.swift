// `kubectl apply` of 1,000 objects from one multi-document file, in-process (parse, validate, store, print).
import Foundation
import MiniCluster
import Shell

func benchApply() {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubetutor-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var docs: [String] = []
    for i in 0..<1000 {
        if i % 2 == 0 {
            docs.append("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cm-\(i)
              labels: {app: bench}
            data:
              key: value-\(i)
            """)
        } else {
            docs.append("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web-\(i)
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web-\(i)}
              template:
                metadata:
                  labels: {app: web-\(i)}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
            """)
        }
    }
    try? docs.joined(separator: "\n---\n").write(to: dir.appendingPathComponent("many.yaml"), atomically: true, encoding: .utf8)
    var lines = 0
    let ms = median(5) {
        let session = ShellSession.withDefaultCluster(cwd: dir, seed: 1)
        let out = Output()
        session.runLine("kubectl apply -f many.yaml", output: out)
        lines = out.stdout.split(separator: "\n").count
    }
    report("kubectl apply -f (1,000 objects) [\(lines) lines out]", ms)
}
