// A small line editor for the sandbox prompt: raw mode through termios, cursor keys, Home/End, Backspace,
// Delete, Ctrl-A/E/K/U/W/L, history with Up/Down, Ctrl-C cancels the line, Ctrl-D on an empty line ends.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class LineEditor {
    enum Result: Equatable { case line(String), interrupt, eof }

    var history: [String] = []
    private var saved = termios()

    /// Reads one line with `prompt`; the terminal is in raw mode only while reading.
    func read(prompt: String) -> Result {
        guard enterRaw() else { return readCooked(prompt: prompt) }
        defer { leaveRaw() }
        var buffer: [Character] = []
        var cursor = 0
        var historyIndex = history.count
        var draft: [Character] = []
        var decoder = UTF8Decoder()

        func redraw() {
            var s = "\r" + prompt + String(buffer) + "\u{1B}[K"
            let back = buffer.count - cursor
            if back > 0 { s += "\u{1B}[\(back)D" }
            write(s)
        }
        func recall(_ i: Int) {
            if historyIndex == history.count { draft = buffer }
            historyIndex = i
            buffer = i == history.count ? draft : Array(history[i])
            cursor = buffer.count
            redraw()
        }
        write(prompt)
        while true {
            guard let b = readByte() else { write("\r\n"); return .eof }
            switch b {
            case 13, 10:
                write("\r\n")
                return .line(String(buffer))
            case 3:
                write("^C\r\n")
                return .interrupt
            case 4:
                if buffer.isEmpty { write("\r\n"); return .eof }
                if cursor < buffer.count { buffer.remove(at: cursor); redraw() }
            case 1: cursor = 0; redraw()
            case 5: cursor = buffer.count; redraw()
            case 2: if cursor > 0 { cursor -= 1; redraw() }
            case 6: if cursor < buffer.count { cursor += 1; redraw() }
            case 11: buffer.removeSubrange(cursor...); redraw()
            case 21: buffer.removeSubrange(..<cursor); cursor = 0; redraw()
            case 23:
                var start = cursor
                while start > 0, buffer[start - 1] == " " { start -= 1 }
                while start > 0, buffer[start - 1] != " " { start -= 1 }
                buffer.removeSubrange(start..<cursor); cursor = start; redraw()
            case 12: write("\u{1B}[H\u{1B}[2J"); redraw()
            case 16: if historyIndex > 0 { recall(historyIndex - 1) }
            case 14: if historyIndex < history.count { recall(historyIndex + 1) }
            case 127, 8:
                if cursor > 0 { buffer.remove(at: cursor - 1); cursor -= 1; redraw() }
            case 27:
                switch readEscape() {
                case "A": if historyIndex > 0 { recall(historyIndex - 1) }
                case "B": if historyIndex < history.count { recall(historyIndex + 1) }
                case "C": if cursor < buffer.count { cursor += 1; redraw() }
                case "D": if cursor > 0 { cursor -= 1; redraw() }
                case "H", "1~", "7~": cursor = 0; redraw()
                case "F", "4~", "8~": cursor = buffer.count; redraw()
                case "3~": if cursor < buffer.count { buffer.remove(at: cursor); redraw() }
                default: break
                }
            default:
                guard b >= 32 || b == 9 else { continue }
                if let c = decoder.add(b) {
                    buffer.insert(b == 9 ? " " : c, at: cursor)
                    cursor += 1
                    redraw()
                }
            }
        }
    }

    /// The rest of an escape sequence after ESC: "A" for `ESC [ A`, "3~" for `ESC [ 3 ~`.
    private func readEscape() -> String {
        guard let b1 = readByte() else { return "" }
        guard b1 == UInt8(ascii: "[") || b1 == UInt8(ascii: "O") else { return "" }
        var s = ""
        while let b = readByte() {
            s.unicodeScalars.append(Unicode.Scalar(b))
            if (b >= 0x40 && b <= 0x7E) { break }
        }
        return s
    }

    private func readByte() -> UInt8? {
        var b: UInt8 = 0
        while true {
            let n = Glibc.read(0, &b, 1)
            if n == 1 { return b }
            if n < 0, errno == EINTR { continue }
            return nil
        }
    }

    private func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }

    private func enterRaw() -> Bool {
        guard tcgetattr(0, &saved) == 0 else { return false }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        return tcsetattr(0, TCSAFLUSH, &raw) == 0
    }

    private func leaveRaw() { tcsetattr(0, TCSAFLUSH, &saved) }

    /// Without a terminal we cannot edit: plain reads.
    private func readCooked(prompt: String) -> Result {
        write(prompt)
        guard let l = Swift.readLine() else { return .eof }
        return .line(l)
    }
}

/// Collects UTF-8 bytes into characters.
struct UTF8Decoder {
    private var bytes: [UInt8] = []

    mutating func add(_ b: UInt8) -> Character? {
        bytes.append(b)
        let need: Int
        switch bytes[0] {
        case 0..<0x80: need = 1
        case 0xC0..<0xE0: need = 2
        case 0xE0..<0xF0: need = 3
        default: need = 4
        }
        guard bytes.count >= need else { return nil }
        defer { bytes = [] }
        return String(decoding: bytes, as: UTF8.self).first
    }
}
