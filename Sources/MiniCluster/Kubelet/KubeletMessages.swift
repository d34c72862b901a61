// Event messages the kubelet repeats for the pods of one template: the same image pulled, in the same time on the
// same node, the same container created and started. The last text made is given again for the same inputs
// (compared byte for byte); the kubelets of a cluster keep their own.

final class KubeletMessages {
    private var pulling: (image: String, text: String)?
    private var pulled: (image: String, took: Int64, size: Int64, text: String)?
    private var started: (name: String, created: String, started: String)?

    /// `Pulling image "nginx:1.25"`.
    func pulling(_ image: String) -> String {
        if let p = pulling, Value.sameBytes(p.image, image) { return p.text }
        let text = Self.pulling(image)
        pulling = (image, text)
        return text
    }

    static func pulling(_ image: String) -> String { "Pulling image \"\(image)\"" }

    /// `Successfully pulled image "nginx:1.25" in 1.2s (1.2s including waiting). Image size: 123 bytes.`
    func pulled(_ image: String, took: Duration, size: Int64) -> String {
        if let p = pulled, p.took == took.ms, p.size == size, Value.sameBytes(p.image, image) { return p.text }
        let text = Self.pulled(image, took: took, size: size)
        pulled = (image, took.ms, size, text)
        return text
    }

    static func pulled(_ image: String, took: Duration, size: Int64) -> String {
        let d = KubeletText.goDuration(took)
        return "Successfully pulled image \"\(image)\" in \(d) (\(d) including waiting). Image size: \(size) bytes."
    }

    /// `Created container: web` and `Started container web`.
    func createdAndStarted(_ name: String) -> (created: String, started: String) {
        if let s = started, Value.sameBytes(s.name, name) { return (s.created, s.started) }
        let texts = Self.createdAndStarted(name)
        started = (name, texts.created, texts.started)
        return texts
    }

    static func createdAndStarted(_ name: String) -> (created: String, started: String) {
        ("Created container: \(name)", "Started container \(name)")
    }
}
