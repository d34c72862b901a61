// A manifest that does not parse, worded the way kubectl reports it after `error parsing FILE: `.

public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A `---` line followed by something other than a comment.
        case separator
        /// go-yaml could not parse the document (`yaml: line 7: mapping values are not allowed in this context`).
        case syntax
        /// The document parsed but has no JSON form (`json: unsupported value: +Inf`, a null map key).
        case conversion
    }

    public var kind: Kind
    /// The line go-yaml names, counted from the start of the `---` document (kubectl splits first), if any.
    public var line: Int?
    /// The problem alone, e.g. `mapping values are not allowed in this context`.
    public var problem: String
    /// Which non-empty document (0-based) failed.
    public var document: Int

    public init(kind: Kind, line: Int? = nil, problem: String, document: Int = 0) {
        self.kind = kind
        self.line = line
        self.problem = problem
        self.document = document
    }

    /// The text kubectl prints after `error parsing FILE: `.
    public var description: String {
        switch kind {
        case .separator: return "invalid Yaml document separator: \(problem)"
        case .syntax: return "error converting YAML to JSON: yaml: " + (line.map { "line \($0): " } ?? "") + problem
        case .conversion: return "error converting YAML to JSON: \(problem)"
        }
    }
}
