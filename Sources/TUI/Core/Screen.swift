// The screen as a value: a grid of cells (a character and a style) that views fill and drivers put on a
// terminal. Tests read it as lines of text. A double-width character (CJK, most emoji) takes two cells: itself
// and a continuation cell, which drivers skip; overwriting either half blanks the other, so a frame never
// holds half a character.
import Markdown

public enum Color: UInt8, Hashable, Sendable, CaseIterable {
    case none, black, red, green, yellow, blue, magenta, cyan, white, gray
}

public struct Style: Hashable, Sendable {
    public var fg: Color = .none
    public var bg: Color = .none
    public var bold = false
    public var dim = false
    public var underline = false
    public var reverse = false
    public var italic = false

    public init(fg: Color = .none, bg: Color = .none, bold: Bool = false, dim: Bool = false,
                underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.dim = dim
        self.underline = underline; self.reverse = reverse; self.italic = italic
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
    public static func fg(_ c: Color, bold: Bool = false) -> Style { Style(fg: c, bold: bold) }
}

public struct Cell: Equatable, Sendable {
    public var char: Unicode.Scalar
    public var style: Style
    public init(_ char: Unicode.Scalar = " ", _ style: Style = .plain) { self.char = char; self.style = style }
    public static let blank = Cell()
    /// The right half of the double-width character in the cell before it.
    public static let continuationChar: Unicode.Scalar = "\u{0}"
    public var isContinuation: Bool { char == Cell.continuationChar }
}

public struct Size: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxY: Int { y + height }
    public var maxX: Int { x + width }
    /// The inside of a box drawn on this rectangle.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
}

public struct Screen: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor goes (the prompt's insertion point); nil hides it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX < 0 ? nil : (cursorX, cursorY) }
        set { cursorX = newValue?.x ?? -1; cursorY = newValue?.y ?? -1 }
    }
    private var cursorX = -1, cursorY = -1

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width) * max(0, size.height))
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { if x >= 0, y >= 0, x < size.width, y < size.height { set(x, y, newValue) } }
    }

    /// Stores one cell (in bounds), blanking the other half of a double-width character it overwrites.
    private mutating func set(_ x: Int, _ y: Int, _ c: Cell, wide: Bool = false) {
        let i = y * size.width + x
        if cells[i].isContinuation, !c.isContinuation, x > 0 { cells[i - 1].char = " " }
        if !wide, x + 1 < size.width, cells[i + 1].isContinuation { cells[i + 1].char = " " }
        cells[i] = c
    }

    /// Writes `text` from (x, y), clipped to `maxWidth` columns (and the screen); returns the columns used.
    /// Columns follow wcwidth: zero-width marks are dropped, double-width characters take two cells, and one
    /// that would straddle the edge leaves a space instead. Control characters show as spaces.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int = .max) -> Int {
        guard y >= 0, y < size.height else { return 0 }
        var col = x
        let limit = min(size.width, maxWidth == .max ? .max : x + maxWidth)
        for s in text.unicodeScalars {
            if col >= limit { break }
            let w = CellWidth.of(s)
            if w == 0 { continue }
            let ch: Unicode.Scalar = s.value < 0x20 || s.value == 0x7f ? " " : s
            if col + w > limit {
                if col >= 0 { set(col, y, Cell(" ", style)) }
                col += 1
                break
            }
            if col >= 0 {
                set(col, y, Cell(ch, style), wide: w == 2)
                if w == 2 { set(col + 1, y, Cell(Cell.continuationChar, style)) }
            } else if w == 2, col + 1 == 0 {
                set(0, y, Cell(" ", style))
            }
            col += w
        }
        return col - x
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ r: Rect, _ char: Unicode.Scalar = " ", style: Style = .plain) {
        for yy in max(0, r.y)..<min(size.height, r.maxY) {
            for xx in max(0, r.x)..<min(size.width, r.maxX) { set(xx, yy, Cell(char, style)) }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the characters.
    public mutating func restyle(_ r: Rect, _ change: (inout Style) -> Void) {
        for yy in max(0, r.y)..<min(size.height, r.maxY) {
            for xx in max(0, r.x)..<min(size.width, r.maxX) { change(&cells[yy * size.width + xx].style) }
        }
    }

    /// The text of row `y`, trailing spaces removed.
    public func line(_ y: Int) -> String {
        var s = String.UnicodeScalarView()
        for x in 0..<size.width where !cells[y * size.width + x].isContinuation { s.append(cells[y * size.width + x].char) }
        var str = String(s)
        while str.last == " " { str.removeLast() }
        return str
    }

    /// Every row as text.
    public var lines: [String] { (0..<size.height).map(line) }
    public var text: String { lines.joined(separator: "\n") }

    public static func == (a: Screen, b: Screen) -> Bool {
        a.size == b.size && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }
}
