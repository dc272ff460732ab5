#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether `other` occurs in the string, compared as UTF-8 bytes.
    ///
    /// The rules ask "does this folded sentence hold ' nog '?" thousands of times per page.
    /// Without this overload `contains` resolves to Foundation's, which bridges both strings
    /// to NSString and searches them with locale-aware comparison: a fifth of import time
    /// on long minutes. The rules compare folded text with folded word lists, where a byte
    /// search finds the same. Like Foundation's, an empty `other` is not contained.
    func contains(_ other: String) -> Bool {
        var haystack = self, needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                let first = Int32(n[0]), last = h.count - n.count
                var i = 0
                while i <= last {
                    // memchr to the next place the first byte matches, then compare the rest.
                    guard let p = memchr(hb + i, first, last - i + 1) else { return false }
                    let at = hb.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hb + at, nb, n.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }
}

extension String {
    /// `firstMatch(of:)`, tried only when the string holds one of `words` — words every
    /// match of `regex` contains. Swift's Regex tries every position of the string, which is
    /// slow next to a byte search, and most sentences hold no deadline phrase at all.
    func firstMatch(of regex: Regex<AnyRegexOutput>, ifHolding words: [String]) -> Regex<AnyRegexOutput>.Match? {
        guard words.contains(where: { contains($0) }) else { return nil }
        return firstMatch(of: regex)
    }
}
