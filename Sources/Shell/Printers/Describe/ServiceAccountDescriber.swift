// `describe serviceaccount`: its pull secrets, mountable secrets and token secrets (missing ones flagged).
import MiniCluster

enum ServiceAccountDescriber {
    static func describe(_ sa: Value, _ ctx: DescribeContext) -> String {
        let secrets = ctx.list("Secret", namespace: sa.metadataNamespace ?? "default")
        let existing = Set(secrets.map(\.metadataName))
        let tokens = secrets.filter {
            $0.dStr("type") == "kubernetes.io/service-account-token"
                && $0.annotations["kubernetes.io/service-account.name"] == sa.metadataName
                && $0.annotations["kubernetes.io/service-account.uid"] == sa.uid
        }.map(\.metadataName)
        let pull = sa.dArr("imagePullSecrets").map { $0.dStr("name") }
        let mount = sa.dArr("secrets").map { $0.dStr("name") }
        let missing = Set((pull + mount).filter { !existing.contains($0) })

        let w = PrefixWriter()
        w.write(0, "Name:\t\(sa.metadataName)\n")
        w.write(0, "Namespace:\t\(sa.metadataNamespace ?? "")\n")
        w.labels("Labels", sa.labels)
        w.annotations("Annotations", sa.annotations)
        // kubectl sorts the padded headers as strings, which puts them in this order.
        let sections = [("Image pull secrets:", pull), ("Mountable secrets: ", mount), ("Tokens:            ", tokens)]
        for (header, names) in sections {
            guard !names.isEmpty else { w.write(0, "\(header)\t<none>\n"); continue }
            var prefix = header
            for n in names {
                w.write(0, "\(prefix)\t\(n)\(missing.contains(n) ? " (not found)" : "")\n")
                prefix = "                   "
            }
        }
        if ctx.showEvents { EventsSection.write(EventsSection.find(for: sa, in: ctx), w, ctx) }
        return w.text
    }
}
