// Splits a lesson file into its front matter, its reading text and its special fenced blocks (task, quiz,
// file), keeping the line each starts on so every later message can name FILE:LINE exactly.

import Foundation

struct LessonSource {
    struct Block {
        /// `task`, `quiz` or `file`.
        var kind: String
        /// The rest of the info string (`path=web.yaml`).
        var info: String
        var body: String
        /// The file line of the opening fence; the body starts on the next line.
        var fenceLine: Int
    }

    var frontMatter: String?
    /// The file line of the opening `---`.
    var frontMatterLine = 1
    var text = ""
    var blocks: [Block] = []

    static let blockKinds: Set<String> = ["task", "quiz", "file"]

    /// Reads `contents`; problems with the file's shape go to `diags`.
    init(_ contents: String, file: String, diags: Diagnostics) {
        var lines = contents.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.last == "" { lines.removeLast() }
        var i = 0
        if lines.first == "---" {
            if let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." }) {
                frontMatter = lines[1..<end].joined(separator: "\n")
                i = end + 1
            } else {
                diags.error(file, 1, "front matter opened with --- is never closed by a --- line")
                i = lines.count
            }
        } else {
            diags.error(file, 1, "a lesson file must start with YAML front matter between --- lines")
        }
        var textLines: [String] = []
        var plainFence: (char: Character, count: Int)?
        while i < lines.count {
            let line = lines[i]
            if let fence = Self.fence(line) {
                if let open = plainFence {
                    if fence.char == open.char, fence.count >= open.count, fence.info.isEmpty { plainFence = nil }
                    textLines.append(line); i += 1; continue
                }
                let word = fence.info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
                if Self.blockKinds.contains(word) {
                    var j = i + 1
                    while j < lines.count {
                        if let close = Self.fence(lines[j]), close.char == fence.char, close.count >= fence.count,
                           close.info.isEmpty { break }
                        j += 1
                    }
                    if j == lines.count { diags.error(file, i + 1, "```\(word) block is never closed") }
                    let rest = String(fence.info.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
                    let body = lines[(i + 1)..<min(j, lines.count)].joined(separator: "\n")
                    blocks.append(Block(kind: word, info: rest, body: body, fenceLine: i + 1))
                    i = j + 1
                    continue
                }
                plainFence = (fence.char, fence.count)
            }
            textLines.append(line)
            i += 1
        }
        // Blank space around the text goes; Foundation's trimmingCharacters would copy the whole text through
        // NSString (a tenth of a course load).
        let joined = textLines.joined(separator: "\n")
        let start = joined.firstIndex { !$0.isWhitespace } ?? joined.endIndex
        let end = joined.lastIndex { !$0.isWhitespace }.map { joined.index(after: $0) } ?? start
        text = start < end ? String(joined[start..<end]) : ""
    }

    /// A fence line: up to three spaces, then three or more backticks or tildes, then the info string.
    static func fence(_ line: String) -> (char: Character, count: Int, info: String)? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3, let c = trimmed.first, c == "`" || c == "~" else { return nil }
        let count = trimmed.prefix { $0 == c }.count
        guard count >= 3 else { return nil }
        let info = trimmed.dropFirst(count).trimmingCharacters(in: .whitespaces)
        if c == "`", info.contains("`") { return nil }
        return (c, count, info)
    }
}
