// Hands `-o yaml|json|jsonpath…` for mutating verbs to the shared object printers.
import MiniCluster

enum ObjectRendering {
    /// Prints one object in a structured format; `index` is 1 for the first object of the command.
    static func render(_ obj: Value, format: String, flags: ParsedFlags, index: Int, _ k: KubectlContext) throws {
        switch format {
        case "yaml":
            // kubectl's YAML printer separates every object after the first with `---`.
            k.io.out((index > 1 ? "---\n" : "") + YAMLCodec.encode(obj))
        case "json":
            k.io.out(JSONCodec.encode(obj))
        default:
            throw KubectlFailure.plain("output format \"\(format)\" is not supported yet")
        }
    }
}
