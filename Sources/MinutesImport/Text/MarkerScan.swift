import Foundation

/// Reads the labels secretariats put before an action ("Actie:", "o Actie JenV:",
/// "**ACTION (Alice):**", "TODO", "AI:") and before things that are not actions
/// ("Besluit:", "Decision:").
struct MarkerMatch {
    enum Kind { case action, decision }
    var kind: Kind
    /// The owner written into the label itself ("Actie JenV:", "Action (Alice):").
    var labelOwner: String?
    /// Offset in the scanned text where the action's own words start.
    var restOffset: Int
    var rest: String
    /// The label as written ("Actie", "ACTION", "AI").
    var label = ""
}

enum MarkerScan {
    static let markers: [(String, MarkerMatch.Kind)] = (
        Lexicon.actionMarkers.map { ($0, MarkerMatch.Kind.action) } +
        Lexicon.decisionMarkers.map { ($0, MarkerMatch.Kind.decision) }
    ).sorted { $0.0.count > $1.0.count }

    static func startsWithMarker(_ t: String) -> Bool { scan(t) != nil }

    static func hasContentAfterMarker(_ t: String) -> Bool {
        guard let m = scan(t) else { return false }
        return m.rest.contains(where: { $0.isLetterOrDigit })
    }

    /// The longest label, in characters.
    static let longestMarker = markers.map(\.0.count).max() ?? 0
    /// The labels by their first character, so a line is compared with the few that can fit.
    static let markersByFirst: [Character: [String]] = Dictionary(grouping: markers.map(\.0), by: { $0.first! })

    /// Whether a label can start `text`: the same walk over leading bullets as `scan`, on
    /// as many folded characters as a label needs. Every line and unit is asked, and most
    /// are not labelled; `scan` copies and folds the whole text before it knows.
    static func mayStartWithMarker(_ text: String) -> Bool {
        if let answer = mayStartWithMarkerASCII(text) { return answer }
        var head: [Character] = []
        var rest = text.makeIterator()
        func at(_ k: Int) -> Character? {
            while head.count <= k, let c = rest.next() { head.append(Fold.char(c)) }
            return k < head.count ? head[k] : nil
        }
        var i = 0
        while true {
            while let c = at(i), " *_-•·>[".contains(c) || (c == "o" && i == 0 && at(1) == " ") { i += 1 }
            if let c = at(i), isEmoji(c) { i += 1; continue }
            if at(i) == ":", let e = shortcodeEnd(i, at) { i = e; continue }
            break
        }
        guard let first = at(i), let candidates = markersByFirst[first] else { return false }
        _ = at(i + longestMarker)
        let start = String(head[i...])
        return candidates.contains { start.hasPrefix($0) }
    }

    /// The labels' bytes by their first byte (every label is ASCII).
    static let markerBytesByFirst: [UInt8: [[UInt8]]] = Dictionary(grouping: markers.map { Array($0.0.utf8) }, by: { $0[0] })

    /// `mayStartWithMarker` on bytes, where the text opens with ASCII far enough that each
    /// byte read is a character of its own (a character runs on only into a byte that is
    /// not ASCII, or from CR into LF); nil where it does not.
    static func mayStartWithMarkerASCII(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { b -> Bool? in
            let n = b.count
            var limit = 0
            while limit < n, b[limit] < 0x80, b[limit] != 0x0D, b[limit] != 0x0A { limit += 1 }
            @inline(__always) func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x + 0x20 : x }
            var i = 0
            while i < limit {
                let c = lower(b[i])
                // " *_->" (the other bullets are not ASCII), or "o " opening the text.
                if c == 0x20 || c == 0x2A || c == 0x5F || c == 0x2D || c == 0x3E || c == 0x5B
                    || (c == 0x6F && i == 0 && limit > 1 && b[1] == 0x20) {
                    i += 1
                } else if c == 0x3A {
                    // A shortcode that runs into a character that is not ASCII is for the
                    // Character path to judge (it folds "é" to "e").
                    var k = i + 1
                    while k < limit, b[k] >= 0x61 && b[k] <= 0x7A || b[k] >= 0x30 && b[k] <= 0x39 || b[k] == 0x5F || b[k] == 0x2B
                        || b[k] == 0x2D || b[k] >= 0x41 && b[k] <= 0x5A { k += 1 }
                    if k == limit && limit < n { return nil }
                    guard let e = shortcodeEnd(i, { $0 < limit ? Character(Unicode.Scalar(lower(b[$0]))) : nil }) else { break }
                    i = e
                } else {
                    break
                }
            }
            guard limit == n || limit > i + longestMarker else { return nil }
            guard i < n, let candidates = markerBytesByFirst[lower(b[i])] else { return false }
            return candidates.contains { m in
                i + m.count <= n && m.indices.allSatisfy { lower(b[i + $0]) == m[$0] }
            }
        }
    }

    /// A pictograph that decorates a label ("📌 Actie:", "✅ TODO").
    static func isEmoji(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first, v.value >= 0x2300 else { return false }
        return v.properties.isEmojiPresentation || v.properties.isEmoji && c.unicodeScalars.contains { $0.value == 0xFE0F }
            || (0x2600...0x27BF).contains(v.value) || (0x1F300...0x1FAFF).contains(v.value)
    }

    /// The end (after the space that follows) of an emoji shortcode at `i`: ":pushpin: ".
    static func shortcodeEnd(_ i: Int, _ at: (Int) -> Character?) -> Int? {
        var k = i + 1
        while let c = at(k), c.isASCII, c.isLowercase || c.isNumber || "_+-".contains(c) { k += 1 }
        guard k > i + 1, k - i <= 40, at(k) == ":", at(k + 1) == " " else { return nil }
        return k + 2
    }

    /// The tags written after an action instead of before it.
    static let trailingTags = ["(actie)", "(action)", "(actiepunt)", "(action item)", "(action point)", "(ap)", "(ai)",
                               "[actie]", "[action]", "(todo)", "[todo]"]

    /// "Jan: notulen rondsturen (actie)", "Circulate the slides [ACTION]": a tag that ends
    /// the text marks it as an action, as a label before it would. The match's `rest` is
    /// the text without the tag.
    static func trailingTag(_ text: String) -> MarkerMatch? {
        // Every tag ends in a bracket.
        let trimmed = text.trimming(" .*_")
        guard let last = trimmed.last, last == ")" || last == "]" else { return nil }
        let f = Fold.string(trimmed)
        guard let tag = trailingTags.first(where: { f.hasSuffix($0) }) else { return nil }
        // Short tags only in capitals or as the whole word in brackets: "(AP)", "(AI)".
        let written = String(trimmed.suffix(tag.count))
        if tag == "(ap)" || tag == "(ai)", written != written.uppercased() { return nil }
        // After a space: "performAction(action)" is code, not a tag.
        let before = trimmed.dropLast(tag.count)
        guard before.last == " " else { return nil }
        let rest = String(before).trimmedSpaces
        guard rest.contains(where: { $0.isLetter }) else { return nil }
        return MarkerMatch(kind: .action, labelOwner: nil, restOffset: 0, rest: rest,
                           label: String(written.dropFirst().dropLast()))
    }

    static func scan(_ text: String) -> MarkerMatch? {
        guard mayStartWithMarker(text) else { return nil }
        let chars = Array(text)
        let folded = Array(Fold.string(text))
        var i = 0
        // Bullets and emphasis before the label: "o ", "- ", "**", "__", "["; an emoji or
        // its shortcode (":pushpin: **Actiepunt:**").
        func at(_ k: Int) -> Character? { k < folded.count ? folded[k] : nil }
        while true {
            while i < folded.count, " *_-•·>[".contains(folded[i]) || (folded[i] == "o" && i + 1 < folded.count && folded[i + 1] == " " && i == 0) { i += 1 }
            if i < folded.count, isEmoji(folded[i]) { i += 1; continue }
            if at(i) == ":", let e = shortcodeEnd(i, at) { i = e; continue }
            break
        }
        for (word, kind) in markers {
            let w = Array(word)
            guard i + w.count <= folded.count, Array(folded[i..<(i + w.count)]) == w else { continue }
            var j = i + w.count
            if j < folded.count, folded[j].isLetter || folded[j].isNumber && !word.hasSuffix(" ") && folded[j] != " " {
                // "Acties" read as "Actie" + "s": only whole words.
                if folded[j].isLetter { continue }
            }
            // The short labels count only written in capitals: "AI:" and "TODO", not "ai".
            if word == "ai" || word == "todo" || word == "ap" || word == "a.p." {
                guard String(chars[i..<j]) == word.uppercased() else { continue }
            }
            var owner: String?
            while j < folded.count, folded[j] == "*" || folded[j] == "_" { j += 1 }
            // "[ACTION] Bob to …", "[Actie] Jan …": the bracket closes the label.
            var bracketed = false
            if i > 0, folded[i - 1] == "[", j < folded.count, folded[j] == "]" { j += 1; bracketed = true }
            // An item number: "Actie 3:", "Actiepunt 2023-05:", "Action #2:".
            var k = j
            while k < folded.count, folded[k] == " " { k += 1 }
            if k + 1 < folded.count, folded[k] == "-", folded[k + 1].isNumber { k += 1 }
            if k < folded.count, folded[k] == "#" || folded[k].isNumber {
                var e = k + 1
                while e < folded.count, folded[e].isNumber || "-./".contains(folded[e]) { e += 1 }
                j = e
            }
            k = j
            while k < folded.count, folded[k] == " " { k += 1 }
            // Owner in brackets or before the colon.
            if k < folded.count, folded[k] == "(" || folded[k] == "[" {
                let close: Character = folded[k] == "(" ? ")" : "]"
                if let e = folded[k...].firstIndex(of: close), e - k <= 40 {
                    let inner = String(chars[(k + 1)..<e]).trimmedSpaces
                    if ActorParser.looksLikeActorList(inner) { owner = inner }
                    j = e + 1
                }
            } else if let colon = folded[k...].firstIndex(of: ":"), colon - k <= 40, colon > k {
                var inner = String(chars[k..<colon]).trimming(" *_")
                // "Action item for Michael:", "Actie voor Piet:"
                for lead in ["for ", "voor "] where Fold.string(inner).hasPrefix(lead) { inner = String(inner.dropFirst(lead.count)) }
                if inner.split(separator: " ").count <= 4, ActorParser.looksLikeActorList(inner) {
                    owner = inner
                    j = colon
                }
            }
            while j < folded.count, " *_".contains(folded[j]) { j += 1 }
            var separated = bracketed
            if j < folded.count, ":-–—.)".contains(folded[j]) || folded[j] == "-" {
                separated = true
                j += 1
            }
            // "AP" is also a news agency and more: as a label only with a colon or an owner.
            if word == "ap" || word == "a.p.", !separated || folded[j - 1] != ":", owner == nil { continue }
            if !separated {
                // A bare label needs capitals ("TODO update", "ACTION Bob to …") or an owner.
                let label = String(chars[i..<(i + w.count)])
                guard owner != nil || (label == label.uppercased() && label.count >= 2 && kind == .action) else { continue }
            }
            while j < folded.count, " *_:".contains(folded[j]) { j += 1 }
            let rest = j < chars.count ? String(chars[j...]) : ""
            return MarkerMatch(kind: kind, labelOwner: owner, restOffset: j, rest: rest, label: String(chars[i..<(i + w.count)]))
        }
        return nil
    }
}
