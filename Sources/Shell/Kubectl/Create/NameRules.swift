// The client-side name checks kubectl runs before sending anything (apimachinery's validation helpers).
import Foundation

enum NameRules {
    private static func matches(_ s: String, _ pattern: String) -> Bool {
        s.range(of: "^(?:" + pattern + ")$", options: .regularExpression) != nil
    }

    /// apimachinery's RegexError text: `msg (e.g. 'a',  or 'b', regex used for validation is 're')`.
    static func regexError(_ msg: String, _ fmt: String, _ examples: [String]) -> String {
        if examples.isEmpty { return msg + " (regex used for validation is '\(fmt)')" }
        var m = msg + " (e.g. "
        for (i, e) in examples.enumerated() {
            if i > 0 { m += " or " }
            m += "'\(e)', "
        }
        return m + "regex used for validation is '\(fmt)')"
    }

    static func isDNS1123Subdomain(_ s: String) -> Bool {
        s.utf8.count <= 253 && matches(s, "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
    }

    private static func chDirPrefix(_ s: String) -> [String] {
        if s == "." { return ["must not be '.'"] }
        if s == ".." { return ["must not be '..'"] }
        if s.hasPrefix("..") { return ["must not start with '..'"] }
        return []
    }

    /// IsConfigMapKey: the messages for a bad ConfigMap/Secret key.
    static func configMapKeyErrors(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > 253 { errs.append("must be no more than 253 characters") }
        if !matches(s, "[-._a-zA-Z0-9]+") {
            errs.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                   "[-._a-zA-Z0-9]+", ["key.name", "KEY_NAME", "key-name"]))
        }
        return errs + chDirPrefix(s)
    }

    /// IsEnvVarName: the messages for a bad environment variable name.
    static func envVarNameErrors(_ s: String) -> [String] {
        var errs: [String] = []
        if !matches(s, "[-._a-zA-Z][-._a-zA-Z0-9]*") {
            errs.append(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
                                   "[-._a-zA-Z][-._a-zA-Z0-9]*", ["my.env-name", "MY_ENV.NAME", "MyEnvName1"]))
        }
        return errs + chDirPrefix(s)
    }

    /// IsValidPortName: the messages for a bad named port.
    static func portNameErrors(_ s: String) -> [String] {
        var errs: [String] = []
        if s.utf8.count > 15 { errs.append("must be no more than 15 characters") }
        if !matches(s, "[-a-z0-9]+") { errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)") }
        if s.range(of: "[a-z]", options: .regularExpression) == nil { errs.append("must contain at least one letter (a-z)") }
        if s.contains("--") { errs.append("must not contain consecutive hyphens") }
        if s.hasPrefix("-") || s.hasSuffix("-") { errs.append("must not begin or end with a hyphen") }
        return errs
    }
}
