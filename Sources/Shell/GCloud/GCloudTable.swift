// gcloud's table printer: upper-case headings, columns two spaces apart, the last column unpadded.
import Foundation

enum GCloudTable {
    /// `title`: table[title=…]'s line, centred over the columns as Python's str.center does.
    static func render(_ rows: [[String]], title: String? = nil) -> String {
        guard let first = rows.first else { return "" }
        var widths = Array(repeating: 0, count: first.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        var head = ""
        if let title {
            let width = widths.reduce(0, +) + 2 * (widths.count - 1)
            let margin = max(0, width - title.count)
            let left = margin / 2 + (margin & width & 1)
            head = String(repeating: " ", count: left) + title + "\n"
        }
        return head + rows.map { r in
            r.enumerated().map { i, c in i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count + 2) }
                .joined().replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
