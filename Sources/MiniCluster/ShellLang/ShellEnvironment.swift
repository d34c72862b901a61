// The state a shell keeps between commands: variables (and which are exported), `$?`, positional parameters.

public final class ShellEnvironment {
    public var variables: [String: String]
    /// Names passed on to commands' environments.
    public var exported: Set<String>
    /// `$?`
    public var lastStatus: Int32 = 0
    /// `$1`, `$2` … (`$@`, `$#`).
    public var positional: [String] = []
    /// `$0`
    public var scriptName = "sh"
    /// `$$`, fixed so runs repeat.
    public var processID = 1
    /// `set -e`: leave at the first failing command.
    public var errexit = false

    /// Starts with `variables`, all exported (they came from the environment the shell was started with).
    public init(_ variables: [String: String] = [:]) {
        self.variables = variables
        self.exported = Set(variables.keys)
    }

    public subscript(name: String) -> String? {
        get { variables[name] }
        set {
            if let newValue { variables[name] = newValue } else { unset(name) }
        }
    }

    public func set(_ name: String, _ value: String, export: Bool = false) {
        variables[name] = value
        if export { exported.insert(name) }
    }

    public func unset(_ name: String) {
        variables[name] = nil
        exported.remove(name)
    }

    /// The environment a command sees: the exported variables.
    public var exportedVariables: [String: String] {
        variables.filter { exported.contains($0.key) }
    }

    /// Whether `s` is a valid variable name.
    public static func isName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, ShLexer.isNameStart(f) else { return false }
        return s.unicodeScalars.allSatisfy(ShLexer.isNameChar)
    }
}
