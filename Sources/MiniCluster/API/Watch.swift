// WATCH, pull-based: the events after a revision from the store's change log, filtered the way the API
// server's watch cache filters them (an object that stops matching a selector arrives as DELETED).

extension APIServer {
    /// Events for `t` after `fromRevision` (exclusive), oldest first; `namespace` nil watches every namespace.
    public func watch(_ t: ResourceType, namespace: String?, labelSelector: LabelSelector = .everything,
                      fieldSelector: FieldSelector = FieldSelector(), fromRevision: Int) -> [WatchEvent] {
        let ns = t.namespaced ? namespace : nil
        func selected(_ o: Value?) -> Bool {
            guard let o else { return false }
            if let ns, o.metadataNamespace != ns { return false }
            return labelSelector.matches(o.labels) && fieldSelector.matches(o, t)
        }
        var out: [WatchEvent] = []
        store.forEachChange(after: fromRevision) { e in
            guard e.resource == t else { return }
            let now = selected(e.object)
            switch e.type {
            case .added, .deleted:
                if now { out.append(e) }
            case .modified:
                let before = selected(e.oldObject)
                if now, before { out.append(e) }
                if now, !before, e.oldObject != nil {
                    var added = e
                    added.type = .added
                    out.append(added)
                }
                if now, e.oldObject == nil { out.append(e) }
                if !now, before {
                    var gone = e
                    gone.type = .deleted
                    out.append(gone)
                }
            }
        }
        return out
    }

    /// The same with selectors in string form; bad selectors are BadRequest as for list.
    public func watch(_ t: ResourceType, namespace: String?, labelSelector: String?, fieldSelector: String? = nil,
                      fromRevision: Int) throws -> [WatchEvent] {
        do {
            let ls = try LabelSelector.parse(labelSelector ?? "")
            let fs = try FieldSelector.parse(fieldSelector ?? "", for: t)
            return watch(t, namespace: namespace, labelSelector: ls, fieldSelector: fs, fromRevision: fromRevision)
        } catch let e as LabelSelectorError {
            throw APIError.badRequest(e.message)
        }
    }
}
