// `gcloud config set|get|get-value|unset|list`: the properties of the active configuration.
import MiniCluster

enum GCloudConfig {
    /// `project` → `core/project`; `compute/zone` stays. Validates as gcloud does.
    static func property(_ raw: String) throws -> String {
        let parts = raw.split(separator: "/", maxSplits: 1).map(String.init)
        let (section, name) = parts.count == 2 ? (parts[0], parts[1]) : ("core", parts.first ?? "")
        guard let known = GoogleCloud.knownProperties[section] else { throw GCloudFailure(message: "Section \"\(section)\" does not exist.") }
        guard known.contains(name) else { throw GCloudFailure(message: "Section [\(section)] has no property [\(name)].") }
        return "\(section)/\(name)"
    }

    static func set(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard let raw = a.positionals.first else { throw GCloudFailure.usage("argument SECTION/PROPERTY VALUE: Must be specified.") }
        guard a.positionals.count > 1 else { throw GCloudFailure.usage("argument VALUE: Must be specified.") }
        let key = try property(raw)
        let value = a.positionals[1]
        if key == "compute/zone", GCPCatalog.region(ofZone: value) == nil {
            c.status("WARNING: \(value) is not a valid zone. Run `gcloud compute zones list` to get all zones.")
        } else if key == "compute/region", !GCPCatalog.isRegion(value) {
            c.status("WARNING: \(value) is not a valid region. Run `gcloud compute regions list`to get all regions.")
        }
        c.cloud.properties[key] = value
        c.status("Updated property [\(key)].")
        return 0
    }

    static func get(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard let raw = a.positionals.first else { throw GCloudFailure.usage("argument SECTION/PROPERTY: Must be specified.") }
        let key = try property(raw)
        if let v = c.cloud.properties[key] { c.io.outLine(v) } else { c.status("(unset)") }
        return 0
    }

    static func unset(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        guard let raw = a.positionals.first else { throw GCloudFailure.usage("argument SECTION/PROPERTY: Must be specified.") }
        let key = try property(raw)
        c.cloud.properties[key] = nil
        c.status("Unset property [\(key)].")
        return 0
    }

    static func list(_ c: GCloudContext) throws -> Int32 {
        let a = try c.parse()
        var props = c.cloud.properties
        if let raw = a.positionals.first {
            let key = try property(raw)
            props = props.filter { $0.key == key }
        }
        var sections: [String: [(String, String)]] = [:]
        for (k, v) in props {
            let parts = k.split(separator: "/", maxSplits: 1).map(String.init)
            sections[parts[0], default: []].append((parts[1], v))
        }
        for s in sections.keys.sorted() {
            c.io.outLine("[\(s)]")
            for (k, v) in sections[s]!.sorted(by: { $0.0 < $1.0 }) { c.io.outLine("\(k) = \(v)") }
        }
        c.status("")
        c.status("Your active configuration is: [default]")
        return 0
    }
}
