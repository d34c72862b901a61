// `helm repo add|list|update|remove` and `helm search repo`, plus how a chart reference (`bitnami/nginx`) is
// resolved against the added repositories, with helm's messages.
import MiniCluster

enum HelmRepoVerbs {
    static let all: [HelmVerb] = [
        HelmVerb(path: "repo add", use: "helm repo add [NAME] [URL] [flags]", args: (2, 2),
                 flags: [FlagSpec("force-update", .bool, default: "false", usage: "replace (overwrite) the repo if it already exists")]) { c in
            let name = c.args[0], url = c.args[1]
            if let existing = c.session.helmRepos.first(where: { $0.name == name }) {
                if existing.url == url {
                    c.io.outLine("\"\(name)\" already exists with the same configuration, skipping"); return
                }
                if !c.flags.bool("force-update") {
                    throw HelmError("repository name (\(name)) already exists, please specify a different name")
                }
            }
            guard HelmCatalog.repository(url: url) != nil else {
                let base = url.hasSuffix("/") ? String(url.dropLast()) : url
                throw HelmError("looks like \"\(url)\" is not a valid chart repository or cannot be reached: failed to fetch \(base)/index.yaml : 404 Not Found")
            }
            c.session.helmRepos.removeAll { $0.name == name }
            c.session.helmRepos.append((name, url))
            c.io.outLine("\"\(name)\" has been added to your repositories")
        },
        HelmVerb(path: "repo list", use: "helm repo list [flags]", args: (0, 0)) { c in
            guard !c.session.helmRepos.isEmpty else { throw HelmError("no repositories to show") }
            c.io.out(Helm.table([["NAME", "URL"]] + c.session.helmRepos.map { [$0.name, $0.url] }))
        },
        HelmVerb(path: "repo update", use: "helm repo update [REPO1 [REPO2 ...]] [flags]", args: (0, nil)) { c in
            guard !c.session.helmRepos.isEmpty else { throw HelmError("no repositories found. You must add one before updating") }
            for n in c.args where !c.session.helmRepos.contains(where: { $0.name == n }) {
                throw HelmError("no repositories found matching '\(n)'.  Nothing will be updated")
            }
            c.io.outLine("Hang tight while we grab the latest from your chart repositories...")
            for r in c.session.helmRepos where c.args.isEmpty || c.args.contains(r.name) {
                c.io.outLine("...Successfully got an update from the \"\(r.name)\" chart repository")
            }
            c.io.outLine("Update Complete. ⎈Happy Helming!⎈")
        },
        HelmVerb(path: "repo remove", use: "helm repo remove [REPO1 [REPO2 ...]] [flags]", args: (1, nil)) { c in
            for n in c.args {
                guard c.session.helmRepos.contains(where: { $0.name == n }) else { throw HelmError("no repo named \"\(n)\" found") }
                c.session.helmRepos.removeAll { $0.name == n }
                c.io.outLine("\"\(n)\" has been removed from your repositories")
            }
        },
        HelmVerb(path: "search repo", use: "helm search repo [keyword] [flags]", args: (0, nil),
                 flags: [FlagSpec("versions", "l", .bool, default: "false", usage: "show the long listing"),
                         FlagSpec("version", usage: "search using semantic versioning constraints")]) { c in
            guard !c.session.helmRepos.isEmpty else { throw HelmError("no repositories configured") }
            let term = c.args.joined(separator: " ").lowercased()
            let hits = charts(c.session).filter { term.isEmpty || "\($0.fullName) \($0.description)".lowercased().contains(term) }
            guard !hits.isEmpty else { c.io.outLine("No results found"); return }
            let rows = hits.sorted { $0.fullName < $1.fullName }.map { [$0.fullName, $0.version, $0.appVersion, $0.description] }
            c.io.out(Helm.table([["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"]] + rows, maxWidth: 50))
        },
    ]

    /// Every chart of every added repository, named `REPO/CHART` after the name the learner gave the repo.
    static func charts(_ s: ShellSession) -> [HelmChart] {
        s.helmRepos.flatMap { r in (HelmCatalog.repository(url: r.url)?.charts ?? []).map { var c = $0; c.repo = r.name; return c } }
    }

    /// Resolves `REPO/CHART` (and `--version`) as helm's chart downloader does.
    static func resolve(_ ref: String, version: String, _ s: ShellSession) throws -> HelmChart {
        let parts = ref.split(separator: "/", maxSplits: 1).map(String.init)
        if ref.hasPrefix(".") || ref.hasPrefix("/") { throw HelmError("path \"\(ref)\" not found") }
        guard parts.count == 2 else {
            throw HelmError("non-absolute URLs should be in form of repo_name/path_to_chart, got: \(ref)")
        }
        guard s.helmRepos.contains(where: { $0.name == parts[0] }) else { throw HelmError("repo \(parts[0]) not found") }
        guard let chart = charts(s).first(where: { $0.repo == parts[0] && $0.name == parts[1] }) else {
            throw HelmError("chart \"\(parts[1])\" not found in \(parts[0]) index. (try 'helm repo update'): no chart name found")
        }
        if !version.isEmpty, version != chart.version {
            throw HelmError("chart \"\(parts[1])\" matching \(version) not found in \(parts[0]) index. (try 'helm repo update'): no chart version found for \(parts[1])-\(version)")
        }
        return chart
    }
}
