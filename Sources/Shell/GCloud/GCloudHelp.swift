// `gcloud … --help`: the command's manual page, laid out as the real gcloud prints it (NAME, SYNOPSIS,
// DESCRIPTION, EXAMPLES, the flag lists, GCLOUD WIDE FLAGS, NOTES). The flag lists come from the real pages
// (GCloudHelpPages, generated); the description and examples are ours. The real tool pipes the page through a
// pager; here it is printed whole, as with `PAGER=cat`.

enum GCloudHelp {
    /// What the command does and the examples it shows: (intro sentence, command line) pairs.
    struct Text {
        var description: [String]
        var examples: [(String, String)] = []
    }

    static let texts: [String: Text] = [
        "config set": Text(description: [
            "Sets a property of the active configuration: the project, the default compute zone or region, and the other settings gcloud reads before every command. Names are SECTION/PROPERTY; properties of the core section may leave the section off (project means core/project).",
            "A flag given on the command line always wins over a property: --zone overrides compute/zone for that one command. gcloud config list shows what is set, gcloud config unset removes a setting.",
        ], examples: [("To make PROJECT_ID the project every command uses, run:", "gcloud config set project PROJECT_ID"),
                      ("To use a zone when a command needs one and none is given, run:", "gcloud config set compute/zone us-central1-a"),
                      ("To accept every confirmation prompt's default answer without asking, run:", "gcloud config set disable_prompts true")]),
        "config get": Text(description: [
            "Prints the value of one property of the active configuration. A property that is not set prints (unset) on the standard error instead.",
        ], examples: [("To see which project commands use, run:", "gcloud config get project"),
                      ("To see the default zone, run:", "gcloud config get compute/zone")]),
        "config get-value": Text(description: [
            "The older name of gcloud config get: prints the value of one property.",
        ]),
        "config unset": Text(description: [
            "Removes a property from the active configuration, so commands go back to their defaults or ask for the flag.",
        ], examples: [("To forget the default project, run:", "gcloud config unset project"),
                      ("To forget the default zone, run:", "gcloud config unset compute/zone")]),
        "config list": Text(description: [
            "Lists the properties set in the active configuration, grouped by section. Name one property, or a section followed by a slash, to see only that.",
        ], examples: [("To list every property that is set, run:", "gcloud config list"),
                      ("To see only the default zone, run:", "gcloud config list compute/zone")]),
        "container clusters create": Text(description: [
            "Creates a Google Kubernetes Engine cluster: a control plane run by Google and a default node pool of Compute Engine VMs that register as the cluster's nodes. The cluster lives in a zone (--zone: zonal cluster) or a region (--region: regional cluster, with nodes in three of the region's zones unless --node-locations says otherwise).",
            "--num-nodes counts nodes per zone, so a regional cluster with --num-nodes=1 has three nodes. --machine-type sets the VM size of every node. When the cluster is ready, gcloud writes a kubeconfig entry for it and makes it kubectl's current context.",
        ], examples: [("To create a zonal cluster of three e2-medium nodes, run:", "gcloud container clusters create sample-cluster --zone=us-central1-a"),
                      ("To create a regional cluster with one node in each of three zones, run:", "gcloud container clusters create sample-cluster --region=us-central1 --num-nodes=1")]),
        "container clusters list": Text(description: [
            "Lists the clusters of the project with their location, versions, endpoint, machine type, node count and status. Without a location flag every location is listed.",
        ], examples: [("To list every cluster of the current project, run:", "gcloud container clusters list")]),
        "container clusters describe": Text(description: [
            "Prints everything the Kubernetes Engine API knows about one cluster: its endpoint, versions, node pools, network ranges and status.",
        ], examples: [("To describe a zonal cluster, run:", "gcloud container clusters describe sample-cluster --zone=us-central1-a")]),
        "container clusters get-credentials": Text(description: [
            "Writes the cluster's endpoint and credentials into your kubeconfig file (~/.kube/config unless KUBECONFIG names another) and makes it kubectl's current context. Use it to reach a cluster someone else created, or to switch back after working on another cluster.",
        ], examples: [("To point kubectl at a zonal cluster, run:", "gcloud container clusters get-credentials sample-cluster --zone=us-central1-a")]),
        "container clusters delete": Text(description: [
            "Deletes clusters: the control plane, every node VM and the pods running on them, and the data kept in their local volumes. Load balancers and persistent disks the cluster created are removed when possible. gcloud asks you to confirm first and removes the cluster's kubeconfig entry afterwards.",
        ], examples: [("To delete a zonal cluster, run:", "gcloud container clusters delete sample-cluster --zone=us-central1-a")]),
        "container clusters resize": Text(description: [
            "Changes the number of nodes of one node pool (--node-pool, needed when the cluster has more than one). New nodes get the same configuration as the existing ones; running pods stay where they are and only new pods land on them.",
            "Shrinking drains the nodes it removes: their pods are stopped, and controllers such as Deployments start replacements on the remaining nodes. In a pool that spans several zones the size counts per zone: --num-nodes=2 over three zones gives six nodes.",
        ], examples: [("To give the default node pool two nodes per zone, run:", "gcloud container clusters resize sample-cluster --num-nodes=2")]),
        "container clusters update": Text(description: [
            "Changes settings of an existing cluster, one kind of change per command: autoscaling of a node pool, the zones its nodes run in, the release channel, Workload Identity, network policy enforcement and many more.",
        ], examples: [("To let the default node pool scale between one and five nodes, run:", "gcloud container clusters update sample-cluster --enable-autoscaling --min-nodes=1 --max-nodes=5"),
                      ("To move the cluster to the stable release channel, run:", "gcloud container clusters update sample-cluster --release-channel=stable")]),
        "container node-pools create": Text(description: [
            "Adds a node pool to a cluster: a group of nodes that share one configuration (machine type, disk, labels, taints). Its nodes join the cluster as soon as they start. Use pools to offer different kinds of machines to different workloads.",
        ], examples: [("To add a pool of two e2-standard-4 nodes per zone, run:", "gcloud container node-pools create node-pool-1 --cluster=sample-cluster --machine-type=e2-standard-4 --num-nodes=2")]),
        "container node-pools list": Text(description: [
            "Lists the node pools of a cluster with their machine type, disk size and node version.",
        ], examples: [("To list the pools of a cluster, run:", "gcloud container node-pools list --cluster=sample-cluster")]),
        "container node-pools describe": Text(description: [
            "Prints the full configuration of one node pool: machine type, disk, autoscaling, management settings, locations and status.",
        ], examples: [("To describe a pool, run:", "gcloud container node-pools describe node-pool-1 --cluster=sample-cluster")]),
        "container node-pools delete": Text(description: [
            "Deletes a node pool and its VMs. The pods that ran there are stopped; controllers start replacements on the nodes of other pools if there is room. gcloud asks you to confirm first.",
        ], examples: [("To delete a pool, run:", "gcloud container node-pools delete node-pool-1 --cluster=sample-cluster")]),
        "container get-server-config": Text(description: [
            "Shows what Kubernetes Engine offers in a location: the default and valid versions of the control plane and of nodes, the versions of each release channel, and the node image types.",
        ], examples: [("To see the versions offered in a zone, run:", "gcloud container get-server-config --zone=us-central1-a")]),
        "compute instances list": Text(description: [
            "Lists the Compute Engine VM instances of the project with their zone, machine type, addresses and status. The nodes of GKE clusters are such VMs: their names start with gke-CLUSTER-POOL.",
        ], examples: [("To list every instance of the project, run:", "gcloud compute instances list"),
                      ("To list the instances of one zone, run:", "gcloud compute instances list --zones=us-central1-a")]),
    ]

    /// The manual page of `path`, or nil when we have none.
    static func page(_ path: String) -> String? {
        guard let sections = GCloudHelpPages.pages[path], let text = texts[path] else { return nil }
        var out = ""
        for (name, recorded) in sections {
            let body: String
            switch name {
            case "DESCRIPTION": body = text.description.map { wrap($0, indent: 4) }.joined(separator: "\n\n")
            case "EXAMPLES": body = text.examples.map { wrap($0.0, indent: 4) + "\n\n        $ " + $0.1 }.joined(separator: "\n\n")
            default: body = recorded ?? ""
            }
            out += name + "\n" + body + "\n\n"
        }
        return out
    }

    /// Words wrapped to gcloud's 80 columns behind `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > 80 { lines.append(pad + line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(pad + line) }
        return lines.joined(separator: "\n")
    }
}
