// `describe configmap` and `describe secret`. kubectl walks Go maps (random order); we sort keys so output is stable.
import Foundation
import MiniCluster

enum ConfigDescribers {
    static func configMap(_ cm: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(cm.metadataName)\n")
        w.write(0, "Namespace:\t\(cm.metadataNamespace ?? "")\n")
        w.labels("Labels", cm.labels)
        w.annotations("Annotations", cm.annotations)
        w.write(0, "\nData\n====\n")
        let data = cm.dMap("data")
        for k in data.keys.sorted() {
            w.write(0, "\(k):\n----\n")
            w.write(0, "\(data[k] ?? "")\n")
            w.write(0, "\n")
        }
        w.write(0, "\nBinaryData\n====\n")
        let binary = cm.dMap("binaryData")
        for k in binary.keys.sorted() { w.write(0, "\(k): \(decodedLength(binary[k] ?? "")) bytes\n") }
        w.write(0, "\n")
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: cm, in: ctx), w, ctx) }
        return w.text
    }

    static func secret(_ s: Value, _ ctx: DescribeContext) -> String {
        let w = PrefixWriter()
        w.write(0, "Name:\t\(s.metadataName)\n")
        w.write(0, "Namespace:\t\(s.metadataNamespace ?? "")\n")
        w.labels("Labels", s.labels)
        w.annotations("Annotations", s.annotations)
        let type = s.dStr("type")
        w.write(0, "\nType:\t\(type)\n")
        w.write(0, "\nData\n====\n")
        let data = s.dMap("data")
        for k in data.keys.sorted() {
            let raw = data[k] ?? ""
            if k == "token", type == "kubernetes.io/service-account-token" {
                let decoded = Data(base64Encoded: raw).map { String(decoding: $0, as: UTF8.self) } ?? raw
                w.write(0, "\(k):\t\(decoded)\n")
            } else {
                w.write(0, "\(k):\t\(decodedLength(raw)) bytes\n")
            }
        }
        return w.text
    }

    /// Bytes behind a base64 field (objects keep binary data base64-encoded, as on the wire).
    static func decodedLength(_ b64: String) -> Int {
        Data(base64Encoded: b64)?.count ?? b64.utf8.count
    }
}
