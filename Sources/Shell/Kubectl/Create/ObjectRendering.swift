// Hands `-o yaml|json|jsonpath…` for mutating verbs to the shared object printers.
import MiniCluster

enum ObjectRendering {
    /// Prints one object in a structured format; `index` is 1 for the first object of the command.
    static func render(_ obj: Value, format: String, flags: ParsedFlags, index: Int, _ k: KubectlContext) throws {
        guard var out = try ObjectOutput.parse(flags: flags, tables: false, session: k.session) else { return }
        // Generators print typed objects: -o json keeps Go's struct order (kind, apiVersion, metadata, …).
        out.sortJSONKeys = false
        // kubectl's YAML printer separates every object after the first with `---`.
        if index > 1, case .yaml = out.format { k.io.out("---\n") }
        k.io.out(try out.render(obj))
    }
}
