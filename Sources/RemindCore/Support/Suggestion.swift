/// "Did you mean …?" for misspelt names: the nearest option by edit distance, if near enough.
///
/// The edit distance costs the product of the two lengths, and the word comes from the
/// config or the command line: a 100,000-character time zone against the 600 known zones
/// took 9 s. No name remindd knows is longer than `longestWord`, so a longer word (or one
/// whose length differs from an option's by more than the distance allowed) cannot be near
/// one and is not measured.
public enum Suggestion {
    public static let longestWord = 64

    public static func closest(_ word: String, in options: [String]) -> String? {
        guard word.utf8.count <= longestWord * 4, word.count <= longestWord else { return nil }
        let w = word.lowercased()
        let allowed = max(2, w.count / 3)
        var best: (String, Int)?
        for o in options.sorted() {
            guard o.count <= longestWord, abs(o.count - w.count) <= allowed else { continue }
            let d = editDistance(w, o.lowercased())
            if d <= allowed, best.map({ d < $0.1 }) ?? true { best = (o, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
