import Foundation

/// Minutes laid out with an "Action" column at the right ("Item … Action" over the page,
/// the owner's initials beside the paragraph they own) arrive from `pdftotext -layout` as
/// lines ending in a wide gap and "ST". The initials are taken off the line and written
/// into it as "(action: ST)", which the extractor reads as any inline owner label.
enum ActionColumn {
    static let headerWords: Set<String> = ["action", "actions", "actie", "acties", "actiehouder", "wie", "who", "by", "owner", "lead"]

    /// Whether `l` may end in a header word: its last run of letters, before trailing
    /// spaces, colons and asterisks, is one (lower-cased), or holds a character that is not
    /// ASCII (which folding may turn into one).
    static func mayEndInHeaderWord(_ l: String) -> Bool {
        let b = l.utf8
        var end = b.endIndex
        while end != b.startIndex, case let x = b[b.index(before: end)], x == 0x20 || x == 0x09 || x == 0x3A || x == 0x2A {
            end = b.index(before: end)
        }
        var start = end
        while start != b.startIndex, case let x = b[b.index(before: start)],
              x >= 0x80 || (x >= 0x41 && x <= 0x5A) || (x >= 0x61 && x <= 0x7A) {
            start = b.index(before: start)
        }
        let word = b[start..<end]
        if word.contains(where: { $0 >= 0x80 }) { return true }
        return headerWords.contains(Fold.string(String(Substring(word))))
    }

    /// The last cell of a line after a gap of two or more spaces, with its column.
    static func lastCell(_ line: String) -> (start: Int, text: String)? {
        let t = line.trimmingTrailingSpace
        // A last cell stands two spaces or more after the text before it.
        guard LayoutTable.gaps(t) >= 1, let cell = LayoutTable.cells(t).last, cell.start > 0 else { return nil }
        let before = Array(t)[..<cell.start]
        guard before.suffix(2).allSatisfy({ $0 == " " }), before.contains(where: { $0 != " " }) else { return nil }
        return (cell.start, cell.text)
    }

    /// Initials and short names: "ST", "AF/CN", "JB, ST", "Piet".
    static func isOwnerCell(_ s: String) -> Bool {
        let names = ActorParser.names(in: s)
        return !names.isEmpty && names.count <= 3 && ActorParser.looksLikeActorList(s)
            && names.allSatisfy { $0.count <= 12 && !$0.contains(" ") }
    }

    static func convert(_ lines: [String]) -> [String] {
        // The header: a line whose last cell, far to the right, is "Action".
        guard let h = lines.firstIndex(where: { l in
            // The header's last cell is one of the words: a line that holds none of them is none.
            guard l.utf8.count >= 40, mayEndInHeaderWord(l), let c = lastCell(l), c.start >= 40 else { return false }
            return headerWords.contains(Fold.string(c.text).trimming(" :*"))
        }), let column = lastCell(lines[h])?.start else { return lines }
        var out = lines
        for i in (h + 1)..<lines.count {
            guard let c = lastCell(lines[i]), abs(c.start - column) <= 6, isOwnerCell(c.text) else { continue }
            var text = String(Array(lines[i])[..<c.start]).trimmingTrailingSpace
            let label = " (action: \(c.text))"
            if text.hasSuffix(".") { text.removeLast(); text += label + "." } else { text += label }
            out[i] = text
        }
        return out
    }
}

