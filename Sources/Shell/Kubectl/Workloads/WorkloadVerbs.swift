// The workload verbs, registered in `Kubectl.verbs` with one line.

enum WorkloadVerbs {
    static var all: [KubectlVerb] {
        [ScaleVerb(), AutoscaleVerb(), WaitVerb(), RolloutVerb(), RolloutStatusVerb(), RolloutHistoryVerb(), RolloutUndoVerb(),
         RolloutPatchVerb(action: .pause), RolloutPatchVerb(action: .resume), RolloutPatchVerb(action: .restart),
         SetRootVerb(), SetVerb(what: .image), SetVerb(what: .env), SetVerb(what: .resources)]
    }
}
