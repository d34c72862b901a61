// The real terminal through ncursesw: alternate screen, raw keys, colour pairs for the styles in use, and a
// diff against the last drawn screen so a keystroke repaints only the cells that changed.
@preconcurrency import CNcursesw
import Foundation

public final class CursesDriver: TerminalDriver {
    private let window: UnsafeMutablePointer<WINDOW>
    public let unicode: Bool
    public let colors: Bool
    private var last: Screen?
    private var pairs: [UInt16: Int16] = [:]
    private var isShutDown = false

    /// Starts curses on the process's terminal. Call once; `shutdown()` (or any exit path) restores it.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        setlocale(LC_ALL, "")
        unicode = kt_locale_is_utf8() != 0
        window = initscr()!
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, has_colors() {
            start_color()
            use_default_colors()
            colors = true
        } else {
            colors = false
        }
        kt_install_signal_handlers()
    }

    public var size: Size { Size(width: Int(getmaxx(window)), height: Int(getmaxy(window))) }

    public func draw(_ screen: Screen) {
        let full = last?.size != screen.size
        if full { werase(window) }
        var buf: [wchar_t] = []
        buf.reserveCapacity(screen.width)
        // A cell needs drawing when it or (for a double-width character) its right half changed; right
        // halves themselves are never drawn: the terminal moves two columns after a wide character.
        func changed(_ x: Int, _ y: Int) -> Bool {
            guard !full, let last else { return true }
            if last[x, y] != screen[x, y] { return true }
            return x + 1 < screen.width && screen[x + 1, y].isContinuation && last[x + 1, y] != screen[x + 1, y]
        }
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                let cell = screen[x, y]
                if cell.isContinuation || !changed(x, y) { x += 1; continue }
                // A run of changed cells with one style.
                let style = cell.style
                let start = x
                buf.removeAll(keepingCapacity: true)
                while x < screen.width {
                    let c = screen[x, y]
                    if c.isContinuation { x += 1; continue }
                    if c.style != style || !changed(x, y) { break }
                    buf.append(wchar_t(bitPattern: c.char.value))
                    x += 1
                }
                // Writing the bottom-right cell would scroll; curses refuses it, which is harmless.
                let (attrs, pair) = attributes(style)
                _ = kt_put(window, Int32(y), Int32(start), buf, Int32(buf.count), attrs, pair)
            }
        }
        if let c = screen.cursor {
            curs_set(1)
            wmove(window, Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        last = screen
    }

    private func attributes(_ s: Style) -> (UInt32, Int16) {
        var a = kt_A_NORMAL
        if s.bold { a |= kt_A_BOLD }
        if s.dim { a |= kt_A_DIM }
        if s.underline { a |= kt_A_UNDERLINE }
        if s.reverse { a |= kt_A_REVERSE }
        if s.italic { a |= kt_A_ITALIC }
        guard colors, s.fg != .none || s.bg != .none else { return (a, 0) }
        let key = UInt16(s.fg.rawValue) << 8 | UInt16(s.bg.rawValue)
        if let p = pairs[key] { return (a, p) }
        let p = Int16(pairs.count + 1)
        init_pair(p, curses(s.fg), curses(s.bg))
        pairs[key] = p
        return (a, p)
    }

    private func curses(_ c: Color) -> Int16 {
        switch c {
        case .none: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        case .gray: return COLORS > 8 ? 8 : Int16(COLOR_WHITE)
        }
    }

    public func readKey(timeoutMs: Int) -> Key? {
        wtimeout(window, Int32(timeoutMs))
        var ch: wint_t = 0
        let rc = wget_wch(window, &ch)
        if rc == ERR { return nil }
        if rc == kt_KEY_CODE_YES { return key(code: Int32(ch)) }
        guard let s = Unicode.Scalar(UInt32(ch)) else { return nil }
        if s.value == 27 {
            // Alt-x and unknown escape sequences arrive as Esc then more; a lone Esc has nothing after it.
            wtimeout(window, 0)
            var next: wint_t = 0
            if wget_wch(window, &next) != ERR {
                while wget_wch(window, &next) != ERR {}
                return nil
            }
            return .escape
        }
        return Key.from(scalar: s)
    }

    private func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_SPREVIOUS: return .shiftPageUp
        case KEY_SNEXT: return .shiftPageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            for n in 1...12 where code == kt_key_f(Int32(n)) { return .f(n) }
            return nil
        }
    }

    public func suspend(_ body: () -> Void) {
        def_prog_mode()
        endwin()
        body()
        reset_prog_mode()
        last = nil
        refresh()
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        curs_set(1)
        endwin()
        kt_restore_signal_handlers()
    }

    /// SIGTERM or SIGHUP arrived (the main loop saves and leaves); 0 when none.
    public static var pendingQuitSignal: Int32 { kt_pending_quit_signal() }
}
