// Typed API errors, as the API server returns them in a Status; Shell renders them the way kubectl does.

/// One field-level validation error (`field.Error` in apimachinery).
public struct FieldError: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case invalid = "Invalid value"
        case required = "Required value"
        case notSupported = "Unsupported value"
        case forbidden = "Forbidden"
        case duplicate = "Duplicate value"
        case tooLong = "Too long"
        case tooMany = "Too many"
        case notFound = "Not found"
        case typeInvalid = "Invalid type"
        case internalError = "Internal error"
    }
    public var kind: Kind
    public var field: String
    /// The offending value already rendered the way Go's `%#v` would (`"web"`, `-1`, `map[string]string{"a":"b"}`).
    public var badValue: String?
    public var detail: String

    public init(_ kind: Kind, _ field: String, _ badValue: String? = nil, _ detail: String = "") {
        self.kind = kind; self.field = field; self.badValue = badValue; self.detail = detail
    }

    /// `spec.replicas: Invalid value: -1: must be greater than or equal to 0`
    public var message: String {
        var s = "\(field): \(kind.rawValue)"
        switch kind {
        case .required, .forbidden, .tooLong, .tooMany, .internalError:
            if !detail.isEmpty { s += ": \(detail)" }
        default:
            if let badValue { s += ": \(badValue)" }
            if !detail.isEmpty { s += ": \(detail)" }
        }
        return s
    }
}

/// An error from the simulated API server, carrying the Status reason and HTTP code kubectl looks at.
public struct APIError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case notFound = "NotFound"
        case alreadyExists = "AlreadyExists"
        case invalid = "Invalid"
        case forbidden = "Forbidden"
        case conflict = "Conflict"
        case badRequest = "BadRequest"
        case methodNotAllowed = "MethodNotAllowed"
        case internalError = "InternalError"
        case tooManyRequests = "TooManyRequests"
        case unprocessable = "Unprocessable"  // unused reason slot for future admission errors
    }
    public var reason: Reason
    public var code: Int
    public var message: String
    public var causes: [FieldError]

    public init(reason: Reason, code: Int, message: String, causes: [FieldError] = []) {
        self.reason = reason; self.code = code; self.message = message; self.causes = causes
    }

    public var description: String { message }

    public static func notFound(_ t: ResourceType, _ name: String) -> APIError {
        APIError(reason: .notFound, code: 404, message: "\(t.qualifiedPlural) \"\(name)\" not found")
    }
    public static func alreadyExists(_ t: ResourceType, _ name: String) -> APIError {
        APIError(reason: .alreadyExists, code: 409, message: "\(t.qualifiedPlural) \"\(name)\" already exists")
    }
    public static func conflict(_ t: ResourceType, _ name: String, _ detail: String) -> APIError {
        APIError(reason: .conflict, code: 409,
                 message: "Operation cannot be fulfilled on \(t.qualifiedPlural) \"\(name)\": \(detail)")
    }
    public static func badRequest(_ message: String) -> APIError { APIError(reason: .badRequest, code: 400, message: message) }
    public static func forbidden(_ message: String) -> APIError { APIError(reason: .forbidden, code: 403, message: message) }

    /// The server's Invalid status: message `Deployment.apps "web" is invalid: <e>` (several: `[e1, e2]`);
    /// `details` keeps the bare kind and name so kubectl can print `The Deployment "web" is invalid: …`.
    public static func invalid(kind: String, group: String, name: String, _ errors: [FieldError]) -> APIError {
        let qualified = group.isEmpty ? kind : "\(kind).\(group)"
        let list = errors.count == 1 ? errors[0].message : "[" + errors.map(\.message).joined(separator: ", ") + "]"
        var e = APIError(reason: .invalid, code: 422, message: "\(qualified) \"\(name)\" is invalid: \(list)", causes: errors)
        e.detailsKind = kind
        e.detailsName = name
        return e
    }

    /// Status.details.kind / name, when the server filled them in.
    public var detailsKind: String?
    public var detailsName: String?

    /// How kubectl prints this error (`checkErr`): Invalid gets `The Kind "name" is invalid: …`, others
    /// `Error from server (Reason): message`.
    public var kubectlMessage: String {
        if reason == .invalid, detailsKind == nil, detailsName == nil, causes.isEmpty {
            return "The request is invalid: \(message)"  // e.g. a JSON patch that does not apply
        }
        if reason == .invalid, let k = detailsKind, let n = detailsName {
            if causes.count == 1 { return "The \(k) \"\(n)\" is invalid: \(causes[0].message)" }
            if causes.isEmpty { return "The \(k) \"\(n)\" is invalid: \(message)" }
            return "The \(k) \"\(n)\" is invalid: \n" + causes.map { "* \($0.message)" }.joined(separator: "\n")
        }
        return "Error from server (\(reason.rawValue)): \(message)"
    }
}
