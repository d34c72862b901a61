// Explain notes for Lease (coordination.k8s.io/v1).

enum ExplainDocsCoordination {
    static let types: [ExplainType] = [
        ExplainType("Lease", """
            A Lease records who holds a lock and until when. Each node's kubelet keeps one in kube-node-lease as \
            its heartbeat, and controllers use them to elect a leader.
            """, ExplainCatalog.standardRootFields(spec: "LeaseSpec", status: nil,
                                                   specDoc: "The holder, how long the lease lasts, and when it was last renewed.")),
        ExplainType("LeaseSpec", """
            The state of a lease.
            """, [
            doc("acquireTime", .string, "When the current holder took the lease."),
            doc("holderIdentity", .string, "Who holds the lease now (for a node lease, the node's name)."),
            doc("leaseDurationSeconds", .integer, "How long others wait after the last renewal before they may take the lease over."),
            doc("leaseTransitions", .integer, "How many times the lease has changed hands."),
            doc("preferredHolder", .string, "The holder coordinated leader election would rather have. Only with strategy."),
            doc("renewTime", .string, "When the holder last renewed the lease."),
            doc("strategy", .string, "How coordinated leader election picks a holder (alpha feature)."),
        ]),
    ]
}
