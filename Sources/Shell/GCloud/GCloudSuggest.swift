// gcloud's suggestions for typos, computed as the real CLI computes them: "Maybe you meant" commands scored
// against the words typed (calliope/suggest_commands.py, with the learner's recently used command groups
// preferred), and "did you mean" for flags by text similarity (Python's difflib.get_close_matches).

enum GCloudSuggest {
    /// Every command of GCloudCommandTree as its words (`["container", "clusters", "list"]`).
    static let commands: [[String]] = {
        var out: [[String]] = []
        var path: [String] = []
        for line in GCloudCommandTree.tree.split(separator: "\n") {
            let depth = line.prefix { $0 == " " }.count
            var word = String(line.dropFirst(depth))
            let leaf = word.hasSuffix(" .")
            if leaf { word.removeLast(2) }
            path = Array(path.prefix(depth)) + [word]
            if leaf { out.append(path) }
        }
        return out
    }()

    static let synonyms = ["change": "update", "copy-files": "scp", "create": "add", "delete": "remove", "describe": "get",
                           "docker": "auth-configure-docker", "get": "describe", "image": "images", "instance": "instances",
                           "instances": "instance", "make": "create", "modify": "update", "patch": "update", "remove": "delete",
                           "show": "describe"]

    /// suggest_commands._WordScore.
    static func wordScore(_ index: Int, _ typed: String, _ word: String, _ length: Int) -> Int {
        let shorter: String, longer: String
        if word.contains(typed) { shorter = typed; longer = word } else if typed.contains(word) { shorter = word; longer = typed } else { return 0 }
        if shorter.isEmpty { return 0 }
        // An inner match must start a dash-separated part.
        let hit = longer.range(of: shorter)!.lowerBound
        if hit > longer.startIndex, longer[longer.index(before: hit)] != "-" { return 0 }
        var score = 10
        score += [1: 30, 2: 20, 3: 10][length] ?? 0
        score += index == 0 ? 25 : index == 1 ? 15 : 5
        var extra = longer.count - shorter.count
        if extra <= 2 {
            extra = 3 - extra
            if longer.hasPrefix(shorter) { extra *= 2 }
            score += extra
        }
        if index == 0, length > 1 { score += 30 } else if index > 0, length > index + 1 { score += 15 }
        return score
    }

    /// suggest_commands.GetCommandSuggestions: `history` maps command groups (`container.clusters`) to how often
    /// they were used lately (fractions summing to 1).
    static func commandSuggestions(_ args: [String], history: [String: Double]) -> [String] {
        let typed = args.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") }
        var scored: [([String], Int)] = []
        for command in commands {
            var matched: Set<String> = []
            var score = 0
            for (index, word) in command.enumerated() {
                for t in typed {
                    var increment = wordScore(index, t, word, command.count)
                    if let alternate = synonyms[t] { increment = max(increment, wordScore(index, alternate, word, command.count)) }
                    if increment > 0 { matched.insert(t); score += increment }
                }
            }
            if matched.count == typed.count { score += 10 }
            guard score > 0 else { continue }
            if let f = history[command.dropLast().joined(separator: ".")] { score += Int(f * 100) }
            // Alpha and beta commands rank lower (those a higher track has are not in the tree at all).
            if command[0] == "alpha" || command[0] == "beta" { score -= 5 }
            scored.append((command, score))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.lexicographicallyPrecedes($1.0) }
        guard let top = scored.first.map({ Double($0.1) }) else { return [] }
        var suggested: [String] = []
        var groups: Set<String> = []
        var tooMany = false
        for (command, score) in scored where Double(score) / top >= 0.7 {
            suggested.append((["gcloud"] + command).joined(separator: " "))
            groups.insert(command.dropLast().joined(separator: " "))
            if suggested.count >= 10 { tooMany = true; break }
        }
        // Many commands of few groups: suggest the groups instead.
        if tooMany, groups.count < 4 {
            let good = scored.prefix { Double($0.1) / top >= 0.7 }
            let common = (good.map(\.0.count).min() ?? 1) - 1
            if common > 0 {
                var prefixes: Set<String> = []
                for (command, _) in good {
                    prefixes.insert((["gcloud"] + command.prefix(common)).joined(separator: " "))
                    if prefixes.count >= 10 { break }
                }
                suggested = prefixes.sorted()
            }
        }
        return suggested
    }

    /// difflib.get_close_matches(word, choices, n=1, cutoff=0.6): the most similar choice (ties: the greater string).
    static func closeMatch(_ word: String, _ choices: [String]) -> String? {
        let b = Array(word.lowercased())
        var best: (Double, String)?
        for choice in choices {
            let r = ratio(Array(choice), b)
            guard r >= 0.6 else { continue }
            if best == nil || r > best!.0 || r == best!.0 && choice > best!.1 { best = (r, choice) }
        }
        return best?.1
    }

    /// SequenceMatcher(None, a, b).ratio(): 2·matches / total, matches found as difflib's longest blocks.
    static func ratio(_ a: [Character], _ b: [Character]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        return 2 * Double(matches(a, 0, a.count, b, 0, b.count)) / Double(a.count + b.count)
    }

    private static func matches(_ a: [Character], _ alo: Int, _ ahi: Int, _ b: [Character], _ blo: Int, _ bhi: Int) -> Int {
        guard alo < ahi, blo < bhi else { return 0 }
        // find_longest_match: the longest block, earliest in a, then earliest in b.
        var bestI = alo, bestJ = blo, bestSize = 0
        var lengths = [Int: Int]()
        for i in alo..<ahi {
            var next = [Int: Int]()
            for j in blo..<bhi where b[j] == a[i] {
                let k = (lengths[j - 1] ?? 0) + 1
                next[j] = k
                if k > bestSize { bestI = i - k + 1; bestJ = j - k + 1; bestSize = k }
            }
            lengths = next
        }
        guard bestSize > 0 else { return 0 }
        return bestSize + matches(a, alo, bestI, b, blo, bestJ) + matches(a, bestI + bestSize, ahi, b, bestJ + bestSize, bhi)
    }
}
