// Image names as containerd reads them: `nginx` is `docker.io/library/nginx:latest`, a registry is the first
// component when it holds a dot, a colon or is `localhost`, a tag follows the last colon, a digest follows `@`.

/// A parsed image reference.
public struct ImageReference: Hashable {
    /// `docker.io`, `gcr.io`, `registry.k8s.io` …
    public var registry: String
    /// The repository path inside the registry: `library/nginx`, `google-samples/hello-app`.
    public var path: String
    public var tag: String?
    public var digest: String?

    /// `docker.io/library/nginx`
    public var repository: String { "\(registry)/\(path)" }

    /// The fully qualified name containerd reports: `docker.io/library/nginx:1.25` (tag `latest` when none).
    public var canonical: String {
        if let digest { return "\(repository)@\(digest)" }
        return "\(repository):\(tag ?? "latest")"
    }

    /// Parses `image` as the kubelet does; the error carries the reference-library wording.
    public static func parse(_ image: String) -> Result<ImageReference, ImageReferenceError> {
        guard !image.isEmpty else { return .failure(.init("invalid reference format")) }
        var rest = Substring(image)
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let d = String(rest[rest.index(after: at)...])
            guard d.hasPrefix("sha256:"), d.count == 71, d.dropFirst(7).allSatisfy(\.isHexDigit) else {
                return .failure(.init("invalid reference format"))
            }
            digest = d
            rest = rest[..<at]
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            let t = String(rest[rest.index(after: colon)...])
            guard isTag(t) else { return .failure(.init("invalid reference format")) }
            tag = t
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var registry = "docker.io"
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            parts.removeFirst()
        }
        guard !parts.isEmpty, parts.allSatisfy(isPathComponent) else {
            if parts.contains(where: { $0 != $0.lowercased() }) {
                return .failure(.init("invalid reference format: repository name must be lowercase"))
            }
            return .failure(.init("invalid reference format"))
        }
        if registry == "index.docker.io" { registry = "docker.io" }
        if registry == "docker.io", parts.count == 1 { parts.insert("library", at: 0) }
        return .success(ImageReference(registry: registry, path: parts.joined(separator: "/"), tag: tag, digest: digest))
    }

    private static func isTag(_ t: String) -> Bool {
        guard let f = t.first, f.isASCII, f.isLetter || f.isNumber || f == "_", t.count <= 128 else { return false }
        return t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    private static func isPathComponent(_ c: String) -> Bool {
        guard let f = c.first, let l = c.last, f.isASCII, l.isASCII else { return false }
        let ok = c.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "._-".contains($0) }
        return ok && (f.isLowercase || f.isNumber) && (l.isLowercase || l.isNumber)
    }
}

/// Why an image name does not parse, in the reference library's words.
public struct ImageReferenceError: Error, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}
