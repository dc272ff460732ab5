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
        firstByteOffset(of: other) != nil
    }
}

extension String {
    /// The byte offset of the first occurrence of `other`, compared as UTF-8 bytes like
    /// `contains`; nil when there is none or `other` is empty.
    func firstByteOffset(of other: String) -> Int? {
        var haystack = self, needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard !n.isEmpty, n.count <= h.count, let hb = h.baseAddress, let nb = n.baseAddress else { return nil }
                let first = Int32(n[0]), last = h.count - n.count
                var i = 0
                while i <= last {
                    guard let p = memchr(hb + i, first, last - i + 1) else { return nil }
                    let at = hb.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    if memcmp(hb + at, nb, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
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

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without the trip through NSString, which cost
    /// more than the rest of the line's reading: spaces, tabs and the other Zs characters
    /// off both ends.
    var trimmedSpaces: String {
        func blank(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || (u.value >= 0x80 && u.properties.generalCategory == .spaceSeparator)
        }
        let s = unicodeScalars
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, blank(s[lo]) { lo = s.index(after: lo) }
        while hi > lo, blank(s[s.index(before: hi)]) { hi = s.index(before: hi) }
        if lo == s.startIndex && hi == s.endIndex { return self }
        return String(s[lo..<hi])
    }

    /// Every `target` replaced by `replacement`, compared as UTF-8 bytes (see `contains`).
    func replacingBytes(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        let h = Array(utf8), n = Array(target.utf8), r = Array(replacement.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(h.count)
        var i = 0
        while i < h.count {
            if i + n.count <= h.count, h[i] == n[0], h[i..<(i + n.count)].elementsEqual(n) {
                out += r
                i += n.count
            } else {
                out.append(h[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Substring {
    var trimmedSpaces: String { String(self).trimmedSpaces }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: CharacterSet(charactersIn: set))` for a set of ASCII
    /// characters, on the bytes: an ASCII byte is a whole scalar in UTF-8 and no byte of
    /// another scalar, so trimming the bytes trims the same scalars, without the trip
    /// through NSString that the rules paid on every line and cell.
    func trimming(_ set: StaticString) -> String {
        let chars = UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount)
        assert(chars.allSatisfy { $0 < 0x80 }, "trimming(_:) takes ASCII characters")
        let b = utf8
        var lo = b.startIndex, hi = b.endIndex
        while lo < hi, chars.contains(b[lo]) { lo = b.index(after: lo) }
        while hi > lo, chars.contains(b[b.index(before: hi)]) { hi = b.index(before: hi) }
        return String(decoding: b[lo..<hi], as: UTF8.self)
    }
}

/// Whether any of a list of phrases occurs in a string, compared as UTF-8 bytes like
/// `contains`, in one pass over the string instead of one search per phrase: the sentence
/// rules ask some sixty phrases of every sentence. The phrases are grouped by their first
/// byte, or by the byte after it when they all open with a space.
struct PhraseSet {
    private let groups: [[[UInt8]]]
    private let afterSpace: Bool

    init(_ phrases: [String]) {
        let bytes = phrases.map { Array($0.utf8) }.filter { !$0.isEmpty }
        afterSpace = bytes.allSatisfy { $0.count >= 2 && $0[0] == 0x20 }
        var groups = Array(repeating: [[UInt8]](), count: 256)
        for p in bytes { groups[Int(p[afterSpace ? 1 : 0])].append(p) }
        self.groups = groups
    }

    func occurs(in s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            let n = b.count
            let key = afterSpace ? 1 : 0
            var i = 0
            while i + key < n {
                if !afterSpace || b[i] == 0x20 {
                    for p in groups[Int(b[i + key])] where i + p.count <= n {
                        var j = 0
                        while j < p.count, b[i + j] == p[j] { j += 1 }
                        if j == p.count { return true }
                    }
                }
                i += 1
            }
            return false
        }
    }
}
