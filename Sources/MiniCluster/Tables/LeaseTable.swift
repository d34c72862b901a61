// The Lease table (printLease): NAME, HOLDER (empty when spec.holderIdentity is unset), AGE.

extension Tables {
    static let lease = TableSpec(["Name", "Holder", "Age"]) { o, now in
        [o.metadataName, o[path: "spec", "holderIdentity"]?.stringValue ?? "", Cell.age(o, now)]
    }

    static let leaseTables: [String: TableSpec] = ["coordination.k8s.io/Lease": lease]
}
