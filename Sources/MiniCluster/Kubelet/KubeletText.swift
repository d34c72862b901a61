// The words and identifiers a kubelet and containerd put into pod status and events: Go duration text, container
// and image ids, image references as containerd normalises them.

enum KubeletText {
    /// Go's `time.Duration.String()` for a whole number of milliseconds: `512ms`, `5.123s`, `1m2.5s`, `1h0m0s`.
    static func goDuration(_ d: Duration) -> String {
        var ms = d.ms
        if ms == 0 { return "0s" }
        let negative = ms < 0
        if negative { ms = -ms }
        var out: String
        if ms < 1000 {
            out = "\(ms)ms"
        } else {
            let hours = ms / 3_600_000, minutes = ms / 60_000 % 60
            let secs = ms / 1000 % 60, frac = ms % 1000
            var s = String(secs)
            if frac != 0 {
                var f = String(frac).leftPadded(3)
                while f.hasSuffix("0") { f.removeLast() }
                s += "." + f
            }
            s += "s"
            if hours > 0 { out = "\(hours)h\(minutes)m" + s } else if minutes > 0 { out = "\(minutes)m" + s } else { out = s }
        }
        return negative ? "-" + out : out
    }

    /// 64 lowercase hex digits derived from `seed` (stable across runs, no randomness drawn).
    static func hex64(_ seed: String) -> String {
        var rng = SeededRandom(seed: seed.hashValueStable)
        return rng.hex64()
    }

    /// `containerd://<64 hex>` for one instance of a container: `hex64("uid/container/instance")`, hashed part by
    /// part instead of from the joined text.
    static func containerID(podUID: String, container: String, instance: Int) -> String {
        var h = StableHash()
        h.add(podUID)
        h.add(UInt8(ascii: "/"))
        h.add(container)
        h.add(UInt8(ascii: "/"))
        h.add(String(instance))
        var rng = SeededRandom(seed: h.value)
        // `"containerd://" + rng.hex64()` written into one string (one allocation instead of two).
        return String(unsafeUninitializedCapacity: 77) { out in
            var i = 0
            for b in "containerd://".utf8 { out[i] = b; i += 1 }
            for _ in 0..<4 {
                let v = rng.next()
                for d in 0..<16 { out[i] = hexDigits[Int((v >> (60 - 4 * UInt64(d))) & 0xf)]; i += 1 }
            }
            return i
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The image as containerd reports it in status: `nginx` → `docker.io/library/nginx:latest`.
    static func canonicalImage(_ image: String) -> String {
        let (repo, tag, digest) = split(image)
        if let digest { return repo + "@" + digest }
        return repo + ":" + (tag ?? "latest")
    }

    /// The image id: the repository with the digest, `docker.io/library/nginx@sha256:…`.
    static func imageID(_ image: String) -> String {
        let (repo, tag, digest) = split(image)
        if let digest { return repo + "@" + digest }
        return repo + "@sha256:" + hex64(repo + ":" + (tag ?? "latest"))
    }

    /// Fully qualified repository, tag and digest of an image reference.
    static func split(_ image: String) -> (repo: String, tag: String?, digest: String?) {
        var rest = image, digest: String?
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = String(rest[..<at])
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        let first = parts.first.map(String.init) ?? ""
        let hasRegistry = parts.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry { rest = (parts.count == 1 ? "docker.io/library/" : "docker.io/") + rest }
        return (rest, tag, digest)
    }
}
