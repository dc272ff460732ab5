/// "Did you mean …?" for misspelt names: the nearest option by edit distance, if near enough.
public enum Suggestion {
    public static func closest(_ word: String, in options: [String]) -> String? {
        let w = word.lowercased()
        var best: (String, Int)?
        for o in options.sorted() {
            let d = editDistance(w, o.lowercased())
            if d <= max(2, w.count / 3), best == nil || d < best!.1 { best = (o, d) }
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
