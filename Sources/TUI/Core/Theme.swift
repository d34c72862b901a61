// Glyphs and styles in one place: UTF-8 or ASCII glyphs, colours or monochrome (NO_COLOR, no colour terminal).
import Markdown

public struct Theme: Sendable {
    public var unicode: Bool
    public var colors: Bool

    public init(unicode: Bool = true, colors: Bool = true) {
        self.unicode = unicode
        self.colors = colors
    }

    // Glyphs.
    public var pass: String { unicode ? "✓" : "+" }
    public var fail: String { unicode ? "✗" : "x" }
    public var todo: String { unicode ? "○" : "o" }
    public var started: String { unicode ? "◐" : ">" }
    public var helped: String { unicode ? "✓" : "~" }
    public var chip: String { unicode ? "●" : "*" }
    public var selectedMark: String { unicode ? "▸" : ">" }
    public var barFull: Character { unicode ? "█" : "#" }
    public var barEmpty: Character { unicode ? "░" : "." }
    public var ellipsis: String { unicode ? "…" : "~" }
    public var middot: String { unicode ? "·" : "-" }
    public var times: String { unicode ? "×" : "x" }
    /// Box corners and sides: ┌ ┐ └ ┘ ─ │.
    public var box: (tl: String, tr: String, bl: String, br: String, h: String, v: String) {
        unicode ? ("┌", "┐", "└", "┘", "─", "│") : ("+", "+", "+", "+", "-", "|")
    }

    /// A style with colour only when colours are on; attributes (bold, reverse…) always apply.
    public func color(_ c: Color, bold: Bool = false, dim: Bool = false) -> Style {
        Style(fg: colors ? c : .none, bold: bold, dim: dim)
    }

    public var title: Style { Style(fg: colors ? .black : .none, bg: colors ? .cyan : .none, bold: true, reverse: !colors) }
    public var statusBar: Style { Style(fg: colors ? .black : .none, bg: colors ? .white : .none, reverse: !colors) }
    public var frame: Style { color(.blue) }
    public var frameFocused: Style { color(.cyan, bold: true) }
    public var selected: Style { Style(reverse: true) }
    public var ok: Style { color(.green, bold: true) }
    public var bad: Style { color(.red, bold: true) }
    public var warn: Style { color(.yellow, bold: true) }
    public var muted: Style { Style(dim: true) }
    public var info: Style { color(.cyan) }
    public var heading: Style { color(.yellow, bold: true) }

    /// A Markdown style as a terminal style.
    public func style(_ t: TextStyle) -> Style {
        var s = Style()
        if t.contains(.heading) { s = color(.yellow, bold: true) }
        if t.contains(.strong) { s.bold = true }
        if t.contains(.emphasis) { s.italic = true; if !colors { s.underline = true } }
        if t.contains(.code) || t.contains(.codeBlock) { s.fg = colors ? .green : .none; if !colors, t.contains(.code) { s.bold = true } }
        if t.contains(.link) { s.underline = true; if colors { s.fg = .cyan } }
        if t.contains(.linkTarget) { s.dim = true }
        if t.contains(.quote), colors, s.fg == .none { s.fg = .magenta }
        if t.contains(.decoration) { s.fg = colors ? .blue : .none; s.bold = false }
        if t.contains(.strikethrough) { s.dim = true }
        return s
    }
}
