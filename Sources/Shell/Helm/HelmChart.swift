// A chart of the simulated helm: its index entry (what `helm search repo` shows), its values.yaml and a Swift
// function standing in for its templates. There is no Go template engine: each chart renders its objects from
// the merged values directly, in the order helm would install them.
import Foundation
import MiniCluster

/// What a chart's templates see: the release, the merged values and the passwords made for this release.
struct HelmRenderInput {
    var release: String
    var namespace: String
    var values: Value
    var chart: HelmChart
    /// Generated secrets (kept in the release so upgrades do not rotate them).
    var generated: [String: String]

    func string(_ path: String, _ fallback: String = "") -> String {
        guard let v = values[pathArray: path.split(separator: ".").map(String.init)] else { return fallback }
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .double(let d): return String(d)
        default: return fallback
        }
    }

    func int(_ path: String, _ fallback: Int) -> Int {
        values[pathArray: path.split(separator: ".").map(String.init)]?.intValue ?? Int(string(path)) ?? fallback
    }

    /// Bitnami's `common.names.fullname`: the release name alone when it already contains the chart's name.
    var fullname: String { fullname(for: chart.name) }

    func fullname(for name: String) -> String {
        let full = release.contains(name) ? release : "\(release)-\(name)"
        return String(full.prefix(63)).trimmingSuffix("-")
    }

    /// The labels every object of a bitnami chart carries.
    func labels(component: String? = nil, name: String? = nil, version: String? = nil) -> Value {
        var l: [(String, Value)] = [("app.kubernetes.io/instance", .string(release)),
                                    ("app.kubernetes.io/managed-by", "Helm"),
                                    ("app.kubernetes.io/name", .string(name ?? chart.name)),
                                    ("app.kubernetes.io/version", .string(version ?? chart.appVersion)),
                                    ("helm.sh/chart", .string("\(chart.name)-\(chart.version)"))]
        if let component { l.insert(("app.kubernetes.io/component", .string(component)), at: 0) }
        return .object(.init(uniqueKeysWithValues: l))
    }

    /// The selector labels (instance and name), which never change across upgrades.
    func selector(name: String? = nil) -> Value {
        ["app.kubernetes.io/instance": .string(release), "app.kubernetes.io/name": .string(name ?? chart.name)]
    }

    /// Metadata with the release's annotations, which helm sets on everything it creates.
    func metadata(_ name: String, labels: Value) -> Value {
        ["name": .string(name), "namespace": .string(namespace), "labels": labels,
         "annotations": ["meta.helm.sh/release-name": .string(release), "meta.helm.sh/release-namespace": .string(namespace)]]
    }
}

/// One rendered template: the file it came from and the object.
struct HelmTemplate {
    var source: String
    var object: Value
}

struct HelmChart {
    var repo: String
    var name: String
    var version: String
    var appVersion: String
    var description: String
    /// The chart's values.yaml as `helm show values` prints it.
    var valuesYAML: String
    /// Secrets to generate at install (key → length).
    var generatedSecrets: [String: Int] = [:]
    var render: (HelmRenderInput) -> [HelmTemplate]
    var notes: (HelmRenderInput) -> String

    var fullName: String { "\(repo)/\(name)" }

    /// The defaults from values.yaml.
    var defaults: Value { (try? YAMLCodec.decode(valuesYAML)) ?? .emptyObject }
}

/// A chart repository helm can fetch an index from.
struct HelmRepository {
    var url: String
    var charts: [HelmChart]
}

enum HelmCatalog {
    /// The repositories that answer; any other URL fails as an unreachable index does.
    static let repositories: [HelmRepository] = [
        HelmRepository(url: "https://charts.bitnami.com/bitnami", charts: [BitnamiNginx.chart, BitnamiWordPress.chart]),
    ]

    static func repository(url: String) -> HelmRepository? {
        let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
        return repositories.first { $0.url == trimmed }
    }
}

/// helm's install order (releaseutil.InstallOrder), for the kinds our charts use; uninstall goes the other way.
enum HelmKindOrder {
    static let order = ["Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodDisruptionBudget", "ServiceAccount",
                        "Secret", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "ClusterRole",
                        "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod", "ReplicationController",
                        "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
                        "IngressClass", "Ingress"]

    static func rank(_ kind: String) -> Int { order.firstIndex(of: kind) ?? order.count }

    /// Stable: same kind keeps chart order.
    static func sorted(_ t: [HelmTemplate]) -> [HelmTemplate] {
        t.enumerated().sorted { a, b in
            let ra = rank(a.element.object.kind), rb = rank(b.element.object.kind)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }
}

extension String {
    func trimmingSuffix(_ c: Character) -> String {
        var s = self
        while s.last == c { s.removeLast() }
        return s
    }
}
