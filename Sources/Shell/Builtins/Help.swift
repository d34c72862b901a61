// `help`: what this terminal understands, in our own words.

struct Help: ShellCommand {
    let name = "help"

    static let text = """
    This is a practice terminal connected to a simulated Kubernetes cluster.

    Cluster tools:
      kubectl        talk to the cluster (get, describe, create, apply, delete, logs …)
      gcloud         create, resize and delete GKE clusters, get their credentials,
                     register them to a fleet (Multi Cluster Ingress)
      docker         build, run and push container images on this workstation
      helm           install, upgrade and roll back charts (add the bitnami repository first)

    Shell commands:
      echo TEXT      print text (-n: no newline, -e: understand \\n and \\t); printf FORMAT ARGS
      sleep N        let N seconds of cluster time pass (also 30s, 2m, 1h)
      ls, cat, cd, pwd, mkdir, touch, rm, cp, mv
                     look at and change the files of your workspace folder
      edit FILE      change a file in your editor ($EDITOR, else nano or vi)
      grep, head, tail, wc, sort, uniq, cut, tr, sed, awk, base64, tee
                     filter what a command prints: kubectl get pods | grep web
      curl, wget     fetch a web page, e.g. from a LoadBalancer's external IP
      export A=b, env
                     set and show environment variables
      test, [        compare strings and numbers, check files
      true, false    succeed or fail without doing anything
      hostname       the name of this workstation
      clear          clear the screen
      help           this list
      exit           leave

    The shell understands quotes, $VAR, pipes (|), && and ||, redirects (>, >>, <, 2>&1)
    and here-documents (kubectl apply -f - <<EOF … EOF).

    """

    func run(_ args: [String], io: CommandIO, session: ShellSession) -> Int32 {
        io.out(Self.text)
        return 0
    }
}
