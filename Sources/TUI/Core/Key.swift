// Keys as the app sees them, whichever driver read them.

public enum Key: Hashable, Sendable, CustomStringConvertible {
    case char(Character)
    /// Ctrl with a letter: `.ctrl("a")`.
    case ctrl(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case shiftPageUp, shiftPageDown
    case f(Int)
    /// The terminal changed size (the driver already knows the new size).
    case resize

    /// How the help overlay and the footer name the key.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .shiftPageUp: return "Shift-PgUp"
        case .shiftPageDown: return "Shift-PgDn"
        case .f(let n): return "F\(n)"
        case .resize: return "resize"
        }
    }

    /// A byte as a key (control codes to `.ctrl`), for drivers that read characters.
    public static func from(scalar: Unicode.Scalar) -> Key {
        switch scalar.value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(scalar.value + 96)!))
        default: return .char(Character(scalar))
        }
    }
}
