// Value → YAML exactly as kubectl's `-o yaml` writes it: sigs.k8s.io/yaml hands a JSON round trip to go-yaml v2,
// so keys are always sorted (go-yaml's natural order), strings that read back as other types are
// double-quoted, multi-line strings become `|` blocks, long plain lines fold at 80 columns.
import CYaml

extension YAMLCodec {
    /// The YAML text of one value (ends with a newline). Object keys are sorted the way go-yaml sorts them,
    /// whatever the Value's order, because kubectl's YAML output always goes through a Go map.
    public static func encode(_ v: Value) -> String {
        let e = YAMLEmitter()
        e.emit(v)
        return e.finish()
    }

    /// go-yaml v2's key order: runs of digits compare as numbers, non-letters sort before letters.
    public static func keyLess(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count, i < br.count {
            if ar[i] == br[i] { i += 1; continue }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0, isDigit(ar[j]) {
                    if ar[j] != "0" { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i, bi = i
            while ai < ar.count, isDigit(ar[ai]) { an = an &* 10 &+ Int64(ar[ai].value - 48); ai += 1 }
            while bi < br.count, isDigit(br[bi]) { bn = bn &* 10 &+ Int64(br[bi].value - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    private static func isLetter(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    private static func isDigit(_ u: Unicode.Scalar) -> Bool { u.properties.generalCategory == .decimalNumber }
}

/// A thin driver for libyaml's emitter (the C code go-yaml v2 was ported from).
private final class YAMLEmitter {
    private var emitter = yaml_emitter_t()
    private var output: [UInt8] = []

    init() {
        yaml_emitter_initialize(&emitter)
        yaml_emitter_set_unicode(&emitter, 1)
        let me = Unmanaged.passUnretained(self).toOpaque()
        yaml_emitter_set_output(&emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            let me = Unmanaged<YAMLEmitter>.fromOpaque(data).takeUnretainedValue()
            me.output.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, me)
        var ev = yaml_event_t()
        yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING)
        yaml_emitter_emit(&emitter, &ev)
    }

    deinit { yaml_emitter_delete(&emitter) }

    func emit(_ v: Value) {
        var ev = yaml_event_t()
        yaml_document_start_event_initialize(&ev, nil, nil, nil, 1)
        yaml_emitter_emit(&emitter, &ev)
        node(v)
        yaml_document_end_event_initialize(&ev, 1)
        yaml_emitter_emit(&emitter, &ev)
    }

    func finish() -> String {
        var ev = yaml_event_t()
        yaml_stream_end_event_initialize(&ev)
        yaml_emitter_emit(&emitter, &ev)
        yaml_emitter_flush(&emitter)
        // libyaml marks a document ending in a `|+` block with `...`; go-yaml v2 (older libyaml) does not.
        let marker = Array("\n...\n".utf8)
        if output.count > marker.count, Array(output.suffix(marker.count)) == marker { output.removeLast(4) }
        return String(decoding: output, as: UTF8.self)
    }

    private func node(_ v: Value) {
        var ev = yaml_event_t()
        switch v {
        case .null: scalar("null", YAML_PLAIN_SCALAR_STYLE)
        case .bool(let b): scalar(b ? "true" : "false", YAML_PLAIN_SCALAR_STYLE)
        case .int(let i): scalar(String(i), YAML_PLAIN_SCALAR_STYLE)
        case .double(let d): scalar(GoFloat.yaml(d), YAML_PLAIN_SCALAR_STYLE)
        case .string(let s): string(s)
        case .array(let items):
            yaml_sequence_start_event_initialize(&ev, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
            yaml_emitter_emit(&emitter, &ev)
            for i in items { node(i) }
            yaml_sequence_end_event_initialize(&ev)
            yaml_emitter_emit(&emitter, &ev)
        case .object(let o):
            yaml_mapping_start_event_initialize(&ev, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
            yaml_emitter_emit(&emitter, &ev)
            for k in o.keys.sorted(by: YAMLCodec.keyLess) {
                string(k)
                node(o[k] ?? .null)
            }
            yaml_mapping_end_event_initialize(&ev)
            yaml_emitter_emit(&emitter, &ev)
        }
    }

    /// go-yaml's choice: a newline asks for a literal block, a string that would read back as another
    /// type is double-quoted, anything else plain (libyaml falls back to quotes when plain is not allowed).
    private func string(_ raw: String) {
        // kubectl's JSON hop leaves U+0085 raw, and go-yaml reads that NEL inside a quoted scalar as a folded
        // line break: it comes out as a space.
        let s = raw.unicodeScalars.contains("\u{85}") ? String(String.UnicodeScalarView(raw.unicodeScalars.map { $0 == "\u{85}" ? " " : $0 })) : raw
        if s.utf8.contains(10) {
            scalar(s, YAML_LITERAL_SCALAR_STYLE)
        } else if GoYAMLScalar.needsQuotes(s) {
            scalar(s, YAML_DOUBLE_QUOTED_SCALAR_STYLE)
        } else {
            scalar(s, YAML_PLAIN_SCALAR_STYLE)
        }
    }

    private func scalar(_ s: String, _ style: yaml_scalar_style_t) {
        var ev = yaml_event_t()
        var bytes = Array(s.utf8)
        let count = bytes.count
        bytes.append(0)
        bytes.withUnsafeMutableBufferPointer { p in
            _ = yaml_scalar_event_initialize(&ev, nil, nil, p.baseAddress, Int32(count), 1, 1, style)
        }
        yaml_emitter_emit(&emitter, &ev)
    }
}
