// Releases kept as Helm 3 keeps them: one Secret per revision, `sh.helm.release.v1.NAME.vN`, type
// `helm.sh/release.v1`, labelled name/owner/status/version, in the release's namespace. Helm's payload is
// base64(gzip(release JSON)); ours is base64 of the JSON (opaque-looking, not gzip), holding what we need.
import Foundation
import MiniCluster

struct HelmRelease {
    var name: String
    var namespace: String
    var version: Int
    var status: String
    var chart: String
    var chartVersion: String
    var appVersion: String
    /// The values the user supplied (what `helm get values` prints).
    var config: Value
    /// The values after merging with the chart's defaults (`helm get values --all`).
    var computed: Value
    var generated: [String: String]
    var manifest: String
    var notes: String
    var firstDeployed: Timestamp
    var lastDeployed: Timestamp
    var description: String

    var chartLabel: String { "\(chart)-\(chartVersion)" }
    var secretName: String { "sh.helm.release.v1.\(name).v\(version)" }

    func payload() -> Value {
        var gen: [String: Value] = [:]
        for (k, v) in generated { gen[k] = .string(v) }
        return ["name": .string(name), "namespace": .string(namespace), "version": .int(version),
                "info": ["status": .string(status), "first_deployed": .int(Int(firstDeployed.ms)),
                         "last_deployed": .int(Int(lastDeployed.ms)), "description": .string(description),
                         "notes": .string(notes)],
                "chart": ["name": .string(chart), "version": .string(chartVersion), "appVersion": .string(appVersion)],
                "config": config, "computed": computed,
                "generated": .object(.init(uniqueKeysWithValues: gen.sorted { $0.key < $1.key })),
                "manifest": .string(manifest)]
    }

    init?(payload p: Value) {
        guard let name = p["name"]?.stringValue, let ns = p["namespace"]?.stringValue, let version = p["version"]?.intValue,
              let first = (p[path: "info", "first_deployed"]?.intValue).map({ Timestamp(ms: Int64($0)) }),
              let last = (p[path: "info", "last_deployed"]?.intValue).map({ Timestamp(ms: Int64($0)) }) else { return nil }
        self.name = name; namespace = ns; self.version = version
        status = p[path: "info", "status"]?.stringValue ?? "unknown"
        description = p[path: "info", "description"]?.stringValue ?? ""
        notes = p[path: "info", "notes"]?.stringValue ?? ""
        chart = p[path: "chart", "name"]?.stringValue ?? ""
        chartVersion = p[path: "chart", "version"]?.stringValue ?? ""
        appVersion = p[path: "chart", "appVersion"]?.stringValue ?? ""
        config = p["config"] ?? .emptyObject
        computed = p["computed"] ?? .emptyObject
        generated = p["generated"]?.stringMap ?? [:]
        manifest = p["manifest"]?.stringValue ?? ""
        firstDeployed = first; lastDeployed = last
    }

    init(name: String, namespace: String, version: Int, status: String, chart: HelmChart, config: Value, computed: Value,
         generated: [String: String], manifest: String, notes: String, first: Timestamp, last: Timestamp, description: String) {
        self.name = name; self.namespace = namespace; self.version = version; self.status = status
        self.chart = chart.name; chartVersion = chart.version; appVersion = chart.appVersion
        self.config = config; self.computed = computed; self.generated = generated; self.manifest = manifest
        self.notes = notes; firstDeployed = first; lastDeployed = last; self.description = description
    }

    /// The storage Secret.
    var secret: Value {
        let body = Base64.encode(JSONCodec.encodeCompact(payload()))
        return ["apiVersion": "v1", "kind": "Secret",
                "metadata": ["name": .string(secretName), "namespace": .string(namespace),
                             "labels": ["name": .string(name), "owner": "helm", "status": .string(status),
                                        "version": .string(String(version))]],
                "type": "helm.sh/release.v1",
                "data": ["release": .string(Base64.encode(body))]]
    }

    init?(secret: Value) {
        guard let outer = secret[path: "data", "release"]?.stringValue, let inner = Base64.decode(outer),
              let json = Base64.decode(inner), let p = try? JSONCodec.decode(json) else { return nil }
        self.init(payload: p)
    }
}

extension Timestamp {
    /// Go's time.ANSIC (`Mon Jan _2 15:04:05 2006`), in UTC, as `helm status` and `helm history` print it.
    var ansiC: String {
        let c = components
        let day = c.day < 10 ? " \(c.day)" : "\(c.day)"
        return "\(c.weekday) \(c.month) \(day) \(c.time) \(c.year)"
    }

    /// Go's Time.String() in UTC (`2006-01-02 15:04:05.999999999 +0000 UTC`), as `helm list` prints it.
    var goString: String {
        let c = components
        let frac = ms % 1000
        var f = frac == 0 ? "" : "." + String(format: "%03d", frac)
        while f.hasSuffix("0") { f.removeLast() }
        return "\(c.date) \(c.time)\(f) +0000 UTC"
    }

    private var components: (weekday: String, month: String, day: Int, time: String, year: Int, date: String) {
        let d = Date(timeIntervalSince1970: TimeInterval(ms / 1000))
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let x = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: d)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let time = String(format: "%02d:%02d:%02d", x.hour ?? 0, x.minute ?? 0, x.second ?? 0)
        let date = String(format: "%04d-%02d-%02d", x.year ?? 0, x.month ?? 1, x.day ?? 1)
        return (days[(x.weekday ?? 1) - 1], months[(x.month ?? 1) - 1], x.day ?? 1, time, x.year ?? 0, date)
    }
}
