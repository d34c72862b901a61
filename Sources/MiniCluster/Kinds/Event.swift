// Events: core/v1 Event and events.k8s.io/v1 Event (names, type, involved object).

extension KindSpec {
    static let event = KindSpec(type: .builtIn("Event"), validate: validator(.subdomain, Events.validateCore))
    static let eventsV1Event = KindSpec(type: .builtIn("Event", group: "events.k8s.io"), validate: validator(.subdomain, Events.validateV1))
}

enum Events {
    static func validateCore(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let involvedNS = obj[path: "involvedObject", "namespace"]?.stringValue ?? ""
        let ns = obj.metadataNamespace ?? ""
        if !involvedNS.isEmpty, involvedNS != ns {
            errs.append(FieldErrors.invalid(FieldPath("involvedObject.namespace"), string: involvedNS, "does not match event.namespace"))
        }
        if let type = obj.string(at: "type"), !type.isEmpty, !["Normal", "Warning"].contains(type) {
            errs.append(FieldErrors.notSupported(FieldPath("type"), type, ["Normal", "Warning"]))
        }
        return errs
    }

    static func validateV1(_ obj: Value, _ old: Value?) -> [FieldError] {
        var errs: [FieldError] = []
        let type = obj.string(at: "type") ?? ""
        if !["Normal", "Warning"].contains(type) {
            errs.append(type.isEmpty ? FieldErrors.required(FieldPath("type")) : FieldErrors.notSupported(FieldPath("type"), type, ["Normal", "Warning"]))
        }
        if (obj.string(at: "reportingController") ?? "").isEmpty { errs.append(FieldErrors.required(FieldPath("reportingController"))) }
        if (obj.string(at: "reason") ?? "").isEmpty { errs.append(FieldErrors.required(FieldPath("reason"))) }
        if (obj.string(at: "action") ?? "").isEmpty { errs.append(FieldErrors.required(FieldPath("action"))) }
        return errs
    }
}
