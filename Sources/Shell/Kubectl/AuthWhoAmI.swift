// `kubectl auth whoami`: the API server's SelfSubjectReview of whoever makes the request, printed as kubectl 1.32
// prints it: an ATTRIBUTE / VALUE table (Username, then Groups as Go prints a []string), or the review itself with
// -o. On GKE the learner is their gcloud account, in `system:authenticated`; --as / --as-group show the identity
// impersonated instead, as the server reviews that one. Extra arguments are accepted and ignored, as cobra does
// for a command without an argument rule.
import MiniCluster

struct AuthWhoAmIVerb: KubectlVerb {
    let path = ["auth", "whoami"]
    let flags: [FlagSpec] = [
        FlagSpec("output", "o", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
        FlagSpec("allow-missing-template-keys", .bool, default: "true", usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
        FlagSpec("show-managed-fields", .bool, default: "false", usage: "If true, keep the managedFields when printing objects in JSON or YAML format."),
        FlagSpec("template", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    ]

    func run(_ f: ParsedFlags, _ k: KubectlContext) throws -> Int32 {
        var spec = f.string("output")
        // PrintFlags: --template alone means -o go-template.
        if f.isSet("template"), spec.isEmpty || spec == "go-template" || spec == "template" { spec = "go-template=" + f.string("template") }
        // The printer is chosen before the request: a bad format fails without reaching the server.
        let output = try ObjectOutput.parse(spec, tables: false, allowMissingKeys: f.bool("allow-missing-template-keys"), session: k.session)
        let cluster = try k.cluster()
        let user = Impersonation.requester(f)
            ?? UserInfo(name: k.session.cloud.properties["core/account"] ?? "", groups: ["system:authenticated"])
        guard var out = output else {
            var rows = [["ATTRIBUTE", "VALUE"]]
            if !user.name.isEmpty { rows.append(["Username", user.name]) }
            if !user.groups.isEmpty { rows.append(["Groups", DescribeFormat.goList(user.groups)]) }
            k.io.out(TabWriter().format(rows))
            return 0
        }
        // A typed object: -o json keeps the struct's field order.
        out.sortJSONKeys = false
        try out.print([Self.review(user, at: cluster.now)], asList: false, io: k.io)
        return 0
    }

    /// The authentication.k8s.io/v1 SelfSubjectReview the server answers with (stamped with its creation time).
    static func review(_ user: UserInfo, at now: Timestamp) -> Value {
        .obj(["kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
              "metadata": ["creationTimestamp": .string(now.rfc3339)],
              "status": ["userInfo": .obj(["username": user.name.isEmpty ? nil : .string(user.name),
                                           "groups": user.groups.isEmpty ? nil : .array(user.groups.map { .string($0) })])]])
    }
}
