// The model behind `kubectl explain`: named object types with typed, described fields. The descriptions are
// written for kubetutor in our own words; only the field names, types and structure follow the Kubernetes API.

/// The type of a field as explain prints it (`<string>`, `<[]Container>`, `<map[string]string>`, `<Object>`).
public indirect enum ExplainFieldType: Equatable, Sendable {
    case string, integer, boolean, number
    /// A free-form object (printed `Object`).
    case object
    /// A named type defined in the catalog (printed by its name, e.g. `PodSpec`).
    case ref(String)
    case array(ExplainFieldType)
    case map(ExplainFieldType)

    /// The text between `<` and `>`.
    public var display: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .number: return "number"
        case .object: return "Object"
        case .ref(let n): return n
        case .array(let t): return "[]" + t.display
        case .map(let t): return "map[string]" + t.display
        }
    }

    /// The named type whose fields this field has (through arrays and maps), if any.
    public var refName: String? {
        switch self {
        case .ref(let n): return n
        case .array(let t), .map(let t): return t.refName
        default: return nil
        }
    }
}

/// One field of an explained type.
public struct ExplainField: Sendable {
    public var name: String
    public var type: ExplainFieldType
    public var required: Bool
    public var description: String
    public var enumValues: [String]

    public init(_ name: String, _ type: ExplainFieldType, required: Bool = false, enum enumValues: [String] = [],
                _ description: String) {
        self.name = name; self.type = type; self.required = required
        self.description = description; self.enumValues = enumValues
    }
}

/// A named object type: its description and its fields (printed sorted by name, as explain does).
public struct ExplainType: Sendable {
    public var name: String
    public var description: String
    public var fields: [ExplainField]

    public init(_ name: String, _ description: String, _ fields: [ExplainField]) {
        self.name = name; self.description = description; self.fields = fields
    }

    public func field(_ name: String) -> ExplainField? { fields.first { $0.name == name } }
}

/// Shorthand used by the doc tables.
func doc(_ name: String, _ type: ExplainFieldType, required: Bool = false, enum e: [String] = [], _ d: String) -> ExplainField {
    ExplainField(name, type, required: required, enum: e, d)
}

/// Every documented type, by name.
public enum ExplainCatalog {
    public static let types: [String: ExplainType] = {
        var out: [String: ExplainType] = [:]
        for t in ExplainDocsMeta.types + ExplainDocsPod.types + ExplainDocsContainer.types + ExplainDocsWorkloads.types
            + ExplainDocsBatch.types + ExplainDocsNetwork.types + ExplainDocsConfig.types + ExplainDocsCoordination.types {
            out[t.name] = t
        }
        return out
    }()

    /// The root type name for a kind; kinds without their own page get a generic one.
    public static func root(forKind kind: String) -> ExplainType {
        if let t = types[kind] { return t }
        return ExplainType(kind, "\(kind) is a Kubernetes API object. kubetutor has no detailed notes for this kind yet.",
                           standardRootFields(spec: nil, status: nil))
    }

    /// The four fields every top-level object shares, plus spec and status when the kind has them.
    static func standardRootFields(spec: String?, status: String?, specDoc: String = "", statusDoc: String = "") -> [ExplainField] {
        var fs = [
            doc("apiVersion", .string, "The versioned schema this object is written in, such as v1 or apps/v1. The server converts it to the version it stores."),
            doc("kind", .string, "The kind of object this document describes, in CamelCase, such as Pod or Deployment. It cannot be changed after creation."),
            doc("metadata", .ref("ObjectMeta"), "Standard object metadata: name, namespace, labels, annotations and the fields the server fills in."),
        ]
        if let spec { fs.append(doc("spec", .ref(spec), specDoc)) }
        if let status { fs.append(doc("status", .ref(status), statusDoc)) }
        return fs
    }
}
