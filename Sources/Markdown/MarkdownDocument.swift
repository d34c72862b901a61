// Markdown → a small tree of blocks and inlines, parsed by cmark-gfm with the table, strikethrough and autolink
// extensions. The tree is plain Swift values; cmark's nodes never leave this file.
import CCmarkGFM
import Foundation

public indirect enum Inline: Equatable, Sendable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case strikethrough([Inline])
    case link(url: String, [Inline])
    case image(url: String, alt: [Inline])
    case softBreak
    case lineBreak
}

public enum TableAlignment: Equatable, Sendable { case none, left, center, right }

public indirect enum Block: Equatable, Sendable {
    case heading(level: Int, [Inline])
    case paragraph([Inline])
    case code(info: String, text: String)
    case list(ordered: Bool, start: Int, tight: Bool, items: [[Block]])
    case quote([Block])
    case table(alignments: [TableAlignment], header: [[Inline]], rows: [[[Inline]]])
    case rule
    /// Raw HTML is shown as written.
    case html(String)
}

public struct MarkdownDocument: Equatable, Sendable {
    public var blocks: [Block]
    public init(blocks: [Block]) { self.blocks = blocks }

    /// Parses CommonMark with GitHub's table, strikethrough and autolink extensions.
    public init(parsing text: String) {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { blocks = [.paragraph([.text(text)])]; return }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { buf in
            buf.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buf.count) { cmark_parser_feed(parser, $0, buf.count) }
        }
        guard let root = cmark_parser_finish(parser) else { blocks = []; return }
        defer { cmark_node_free(root) }
        blocks = Self.children(root).compactMap(Self.block)
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let c = child { out.append(c); child = cmark_node_next(c) }
        return out
    }

    static func type(_ node: OpaquePointer) -> String { String(cString: cmark_node_get_type_string(node)) }
    static func literal(_ node: OpaquePointer) -> String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    static func block(_ node: OpaquePointer) -> Block? {
        switch type(node) {
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(node))
        case "paragraph": return .paragraph(inlines(node))
        case "code_block":
            var text = literal(node)
            if text.hasSuffix("\n") { text.removeLast() }
            return .code(info: cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "", text: text)
        case "html_block":
            var text = literal(node)
            while text.hasSuffix("\n") { text.removeLast() }
            return .html(text)
        case "list":
            let items = children(node).map { children($0).compactMap(block) }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0, items: items)
        case "block_quote": return .quote(children(node).compactMap(block))
        case "thematic_break": return .rule
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments = [TableAlignment](repeating: .none, count: columns)
            if let a = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch UInt8(a[i]) {
                    case UInt8(ascii: "l"): alignments[i] = .left
                    case UInt8(ascii: "c"): alignments[i] = .center
                    case UInt8(ascii: "r"): alignments[i] = .right
                    default: break
                    }
                }
            }
            let rows = children(node).map { row in children(row).map(inlines) }
            return .table(alignments: alignments, header: rows.first ?? [], rows: Array(rows.dropFirst()))
        default:
            let inner = children(node).compactMap(block)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    static func inlines(_ node: OpaquePointer) -> [Inline] { children(node).compactMap(inline) }

    static func inline(_ node: OpaquePointer) -> Inline? {
        switch type(node) {
        case "text", "html_inline": return .text(literal(node))
        case "code": return .code(literal(node))
        case "emph": return .emphasis(inlines(node))
        case "strong": return .strong(inlines(node))
        case "strikethrough": return .strikethrough(inlines(node))
        case "link": return .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", inlines(node))
        case "image": return .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", alt: inlines(node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        default:
            let inner = inlines(node)
            return inner.isEmpty ? nil : .emphasis(inner)
        }
    }
}
