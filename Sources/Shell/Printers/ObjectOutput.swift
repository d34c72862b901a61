// The one place every verb turns `-o FORMAT` into output for non-table formats: yaml, json, name, jsonpath,
// jsonpath-as-json, custom-columns (get-like verbs only), go-template; with kubectl's errors for bad formats.
//
// Usage: `if let out = try ObjectOutput.parse(flags.string("output"), tables: true, session: s) { try out.print(objs, asList: true, io: io) }`
// — `parse` returns nil for the table formats ("" and "wide"), which the verb prints itself.
import Foundation
import MiniCluster

public struct ObjectOutput {
    public enum Format {
        case yaml, json, name
        case jsonpath(JSONPath)
        case jsonpathAsJSON(JSONPath)
        case customColumns(CustomColumns)
        case goTemplate(GoTemplate)
    }

    public var format: Format
    /// `--no-headers` (custom-columns only).
    public var noHeaders = false
    /// Sort object keys in `-o json` (objects from the server are unstructured and print sorted); generators
    /// set false so typed objects keep Go's struct order (`kind`, `apiVersion`, `metadata`, …).
    public var sortJSONKeys = true

    /// The formats `kubectl get` accepts, in its error message.
    public static let tableVerbFormats = "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
    /// The formats other verbs (create, apply, run, expose …) accept.
    public static let objectVerbFormats = "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"

    public init(format: Format) { self.format = format }

    /// Parses an `-o` value. nil means "print a table" (`""`, and `wide` when `tables` is true).
    /// - Parameters:
    ///   - tables: whether the verb prints tables (get): enables `wide`, `custom-columns`, `custom-columns-file`.
    ///   - allowMissingKeys: `--allow-missing-template-keys` (default true).
    ///   - session: reads `*-file` formats relative to the workspace.
    public static func parse(_ spec: String, tables: Bool, allowMissingKeys: Bool = true, noHeaders: Bool = false,
                             session: ShellSession? = nil) throws -> ObjectOutput? {
        let name: String, arg: String?
        if let eq = spec.firstIndex(of: "=") {
            name = String(spec[..<eq])
            arg = String(spec[spec.index(after: eq)...])
        } else {
            name = spec
            arg = nil
        }
        func unknown() -> KubectlFailure {
            .plain("unable to match a printer suitable for the output format \"\(spec)\", allowed formats are: "
                   + (tables ? tableVerbFormats : objectVerbFormats))
        }
        func template() throws -> String {
            guard let arg, !arg.isEmpty else { throw KubectlFailure.plain("template format specified but no template given") }
            return arg
        }
        func templateFile() throws -> String {
            let path = try template()
            return try readFile(path, session: session, prefix: "error reading --template \(path)")
        }
        var out: ObjectOutput
        switch name {
        case "" where arg == nil: return nil
        case "wide" where tables && arg == nil: return nil
        case "yaml" where arg == nil: out = ObjectOutput(format: .yaml)
        case "json" where arg == nil: out = ObjectOutput(format: .json)
        case "name" where arg == nil: out = ObjectOutput(format: .name)
        case "jsonpath", "jsonpath-file", "jsonpath-as-json":
            let text = name == "jsonpath-file" ? try templateFile() : try template()
            var jp: JSONPath
            do { jp = try JSONPath(text) } catch let e as JSONPath.ParseError {
                throw KubectlFailure.raw("error: error parsing jsonpath \(text), \(e.message)\n")
            }
            jp.allowMissingKeys = allowMissingKeys
            out = ObjectOutput(format: name == "jsonpath-as-json" ? .jsonpathAsJSON(jp) : .jsonpath(jp))
        case "go-template", "template", "go-template-file", "templatefile":
            let text = name.hasSuffix("file") ? try templateFile() : try template()
            var t = try GoTemplate(text)
            t.allowMissingKeys = allowMissingKeys
            out = ObjectOutput(format: .goTemplate(t))
        case "custom-columns" where tables:
            out = ObjectOutput(format: .customColumns(try CustomColumns.parse(spec: arg ?? "")))
        case "custom-columns-file" where tables:
            let path = arg ?? ""
            let text = try readFile(path, session: session, prefix: "error reading template \(path)")
            out = ObjectOutput(format: .customColumns(try CustomColumns.parse(file: text)))
        default:
            throw unknown()
        }
        out.noHeaders = noHeaders
        return out
    }

    /// Renders and writes the objects. `asList` (a list request such as `get pods`) wraps them in a `List`
    /// for yaml/json/jsonpath/go-template; otherwise each object prints on its own (`---` between YAML ones).
    public func print(_ objects: [Value], asList: Bool, io: CommandIO) throws {
        switch format {
        case .customColumns(let cc):
            io.out(try cc.render(objects.flatMap(Self.items), noHeaders: noHeaders))
        case .name:
            for o in objects.flatMap(Self.items) { io.outLine(Self.name(of: o)) }
        default:
            if asList {
                io.out(try render(Self.list(objects)))
            } else {
                for (i, o) in objects.enumerated() {
                    if i > 0, case .yaml = format { io.out("---\n") }
                    io.out(try render(o))
                }
            }
        }
    }

    /// The text of one object (or List) in this format (yaml, json, jsonpath, go-template).
    public func render(_ object: Value) throws -> String {
        switch format {
        case .yaml: return YAMLCodec.encode(object)
        case .json: return JSONCodec.encode(sortJSONKeys ? object.sortedKeys : object)
        case .name: return Self.items(object).map { Self.name(of: $0) + "\n" }.joined()
        case .customColumns(let cc): return try cc.render(Self.items(object), noHeaders: noHeaders)
        case .jsonpath(let jp), .jsonpathAsJSON(let jp):
            do {
                if case .jsonpathAsJSON = format { return try jp.executeAsJSON(object) }
                return try jp.execute(object)
            } catch let e as JSONPath.ExecError {
                throw KubectlFailure.raw(Self.jsonpathFailure(template: jp.template, message: e.message, object: object))
            }
        case .goTemplate(let t):
            return try t.execute(object)
        }
    }

    /// kubectl's wrapper for several objects: `kind: List` with an empty resourceVersion.
    public static func list(_ objects: [Value]) -> Value {
        .obj(["apiVersion": "v1", "items": .array(objects), "kind": "List", "metadata": ["resourceVersion": ""]])
    }

    /// `deployment.apps/web`: the lower-cased kind, its API group, and the name (`<unknown>` when it has none).
    public static func name(of object: Value) -> String {
        let kind = object["kind"]?.stringValue ?? ""
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion[..<(apiVersion.firstIndex(of: "/") ?? apiVersion.endIndex)]) : ""
        let name = object[path: "metadata", "name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "<unknown>"
        return (group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)") + "/" + name
    }

    /// The objects a printer sees: a List's items, or the object itself.
    static func items(_ object: Value) -> [Value] {
        if object["kind"]?.stringValue?.hasSuffix("List") == true, let items = object["items"]?.arrayValue { return items }
        return [object]
    }

    /// The text kubectl prints when a jsonpath template fails on an object (three newlines at the end).
    static func jsonpathFailure(template: String, message: String, object: Value) -> String {
        "error: error executing jsonpath \(GoValueFormat.quote(template)): Error executing template: \(message). "
            + "Printing more information for debugging the template:\n\ttemplate was:\n\t\t\(template)\n"
            + "\tobject given to jsonpath engine was:\n\t\t\(GoValueFormat.sharpV(object))\n\n\n"
    }

    private static func readFile(_ path: String, session: ShellSession?, prefix: String) throws -> String {
        let url = session?.url(for: path) ?? URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            var isDir: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
                ? "read \(path): is a directory" : "open \(path): no such file or directory"
            throw KubectlFailure.plain("\(prefix), \(reason)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension ObjectOutput {
    /// Parses kubectl's print flags: `-o`, `--template` (the template when `-o` has none), and when declared
    /// `--allow-missing-template-keys` and `--no-headers`. nil means a table format.
    public static func parse(flags f: ParsedFlags, tables: Bool, session: ShellSession? = nil) throws -> ObjectOutput? {
        var spec = f.string("output")
        if !spec.contains("="), f.isSet("template"), !f.string("template").isEmpty,
           ["jsonpath", "jsonpath-file", "jsonpath-as-json", "go-template", "go-template-file", "template", "templatefile",
            "custom-columns", "custom-columns-file"].contains(spec) {
            spec += "=" + f.string("template")
        }
        let allowMissing = f.specs["allow-missing-template-keys"] == nil || f.bool("allow-missing-template-keys")
        return try parse(spec, tables: tables, allowMissingKeys: allowMissing, noHeaders: f.bool("no-headers"), session: session)
    }

    /// Convenience for verbs: parse and print in one call. Returns false when the format is a table one.
    @discardableResult
    public static func print(_ objects: [Value], format: String, io: CommandIO, tables: Bool = true, noHeaders: Bool = false,
                             asList: Bool, session: ShellSession? = nil) throws -> Bool {
        guard let out = try parse(format, tables: tables, noHeaders: noHeaders, session: session) else { return false }
        try out.print(objects, asList: asList, io: io)
        return true
    }
}
