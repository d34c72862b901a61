// Hands `-o yaml|json|jsonpath…` for mutating verbs to the shared object printers.
import MiniCluster

enum ObjectRendering {
    /// Prints one object in a structured format; `index` is 1 for the first object of the command.
    static func render(_ obj: Value, format: String, flags: ParsedFlags, index: Int, _ k: KubectlContext) throws {
        // Placeholder until the codec's ObjectOutput lands on main.
        throw KubectlFailure.plain("output format \"\(format)\" is not supported yet")
    }
}
