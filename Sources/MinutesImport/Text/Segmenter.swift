/// A piece of the minutes read as one thing: a paragraph, a list item, a table row or a
/// heading, with lines re-joined the way pdftotext broke them (hyphenation, a blank line in
/// the middle of a sentence) and a map back to the input's line numbers.
struct Unit {
    enum Kind: Equatable {
        case heading, paragraph, tableRow
        case listItem(checkbox: Bool?)   // nil: no checkbox; true: ticked
    }
    var kind: Kind
    var text: String
    /// Start offset (in characters of `text`) of each input line that was joined in.
    var lineStarts: [(offset: Int, line: Int)]
    /// The heading the unit sits under.
    var section: String?
    /// Offsets (in characters of `text`) of joined lines that begin a sentence of their own
    /// although the line before has no full stop: "• Workshop Jeugdwet 11 mei" over an
    /// indented "Sjaak gaat deze workshop volgen."
    var breaks: [Int] = []

    var firstLine: Int { lineStarts.first?.line ?? 0 }

    func line(at offset: Int) -> Int {
        var result = firstLine
        for s in lineStarts where s.offset <= offset { result = s.line }
        return result
    }

    var cells: [String] {
        var t = text.trimmedSpaces
        if t.hasPrefix("|") { t.removeFirst() }
        if t.hasSuffix("|") { t.removeLast() }
        return t.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmedSpaces }
    }
}

enum Segmenter {
    nonisolated(unsafe) static let statusTagRx = Patterns.regex(#"\[([A-Za-z][A-Za-z ]{1,14})\]\s+"#)
    nonisolated(unsafe) static let registerIDRx = Patterns.regex(
        #"(?:[A-Z]{1,4}-[0-9]{1,4}(?:[-/.][0-9]{1,4})?|[A-Z]{1,2}[0-9]{2,4}-[0-9]{1,4}|(?:19|20)[0-9][0-9][-/.][0-9]{1,3}|#[0-9]{1,4})[:.]?\s+(?=[\p{L}(\[])"#)
    /// "Olu: we need …", "Sarah Kim: …": a speaker in call notes starts a new statement.
    nonisolated(unsafe) static let speakerRx = Patterns.regex(#"^[A-Z][\p{L}'.-]*(?: [A-Z][\p{L}'.-]*){0,2}: +\S"#)

    nonisolated(unsafe) static let ownerLabelRx = Patterns.regex(#"(?:Action|ACTION|Actie|ACTIE|Actiehouder|Owner)(?: by| door| bij)?\s*[:–-]\s*([^.:;]{1,40})$"#)

    static func endsWithOwnerLabel(_ t: String) -> Bool {
        // The label and its names end the text: a match is at most some 80 characters long.
        // Asked of the growing unit after every line, the whole text made long paragraphs
        // cost the square of their length.
        let tail = String(t.suffix(200))
        guard ["Action", "ACTION", "Actie", "ACTIE", "Owner"].contains(where: { tail.contains($0) }),
              let m = tail.firstMatch(of: ownerLabelRx), let names = m.output[1].substring else { return false }
        return ActorParser.looksLikeActorList(String(names))
    }

    static func isSpeakerLine(_ t: String) -> Bool {
        // The pattern opens with a capital A-Z and holds ": ".
        guard let b = t.utf8.first, b >= 0x41 && b <= 0x5A, t.contains(": ") else { return false }
        return t.firstMatch(of: speakerRx) != nil && !MarkerScan.startsWithMarker(t)
    }

    /// `wholeMatch(of: numberedTitleRx)`, tried only on text that opens with a digit.
    static func numberedTitle(_ t: String) -> Regex<AnyRegexOutput>.Match? {
        guard let b = t.utf8.first, b >= 0x30 && b <= 0x39 else { return nil }
        return t.wholeMatch(of: numberedTitleRx)
    }

    /// The length most lines of the document wrap at: a shorter line that stops without
    /// punctuation ended there on purpose (a list entry, a note), it was not wrapped.
    static func wrapWidth(_ lines: [String]) -> Int {
        let lengths = lines.map { $0.trimmingTrailingSpace.count }.filter { $0 > 0 }.sorted()
        guard !lengths.isEmpty else { return 0 }
        return lengths[min(lengths.count - 1, lengths.count * 8 / 10)]
    }
    static let arrows = ["->", "=>", "-->"].map { ($0, $0 + " ") }
    static let checkboxes = [("[ ]", false), ("[x]", true), ("[X]", true), ("[v]", true), ("☐", false),
                             ("☑", true), ("☒", true), ("✅", true), ("[]", false)]

    /// The bullet or checkbox a line opens with, and the text after it.
    static func bullet(of line: String) -> (checkbox: Bool?, rest: String)? {
        var t = Substring(line.drop(while: { $0 == " " }))
        var hadBullet = false
        // "-> Bas: begroting", "=> …": arrows typed as two characters.
        for (arrow, spaced) in arrows where t.hasPrefix(spaced) {
            t = t.dropFirst(arrow.count).drop(while: { $0 == " " }); hadBullet = true
        }
        if let c = t.first, "o•·▪◦-*–—→+>".contains(c) || c == "\u{F0B7}" {
            let after = t.dropFirst()
            if after.first == " " || ("•·▪◦→\u{F0B7}".contains(c) && after.first != nil) {
                t = after.drop(while: { $0 == " " }); hadBullet = true
            }
        }
        for (box, ticked) in checkboxes where t.hasPrefix(box) {
            return (ticked, String(t.dropFirst(box.count).drop(while: { $0 == " " })))
        }
        // A status tag: "[NEW] ACTION: …", "[DONE] …".
        if t.first == "[", let m = t.prefixMatch(of: statusTagRx) {
            let tag = Fold.string(String(m.output[1].substring ?? ""))
            let rest = String(t[m.range.upperBound...])
            if ActionStatus.closed.contains(tag) { return (true, rest) }
            if ActionStatus.open.contains(tag) { return (nil, rest) }
        }
        // An action register number: "AP-12 …", "A23-04 (KB) …", "2023-31 …".
        if mayOpenWithRegisterID(t), let m = t.prefixMatch(of: registerIDRx) {
            return (nil, String(t[m.range.upperBound...]))
        }
        if hadBullet { return (nil, String(t)) }
        // 1. / 1) / a) / (2) / iv.
        let head = t.prefix(6)
        if let r = head.firstIndex(where: { $0 == "." || $0 == ")" }) {
            var label = t[t.startIndex..<r]
            if label.hasPrefix("(") { label = label.dropFirst() }
            let isNumber = !label.isEmpty && label.count <= 3 && label.allSatisfy(\.isNumber)
            let isLetter = label.count == 1 && label.first!.isLowercase && t[r] == ")"
            let after = t[t.index(after: r)...]
            if (isNumber || isLetter), after.first == " " {
                return (nil, String(after.drop(while: { $0 == " " })))
            }
        }
        return nil
    }

    /// Whether `t` can open with an action register number, told from its first bytes when
    /// they are ASCII: capitals (one to four) and a dash, one or two capitals and a digit,
    /// 19 or 20, or #. Most lines open with a capital and are none of these; the pattern
    /// was tried on each of them.
    static func mayOpenWithRegisterID(_ t: Substring) -> Bool {
        let u = Array(t.utf8.prefix(8))
        guard let f = u.first else { return false }
        if u.contains(where: { $0 >= 0x80 }) { return true }
        if f == 0x23 { return true }
        if f >= 0x30 && f <= 0x39 { return u.count >= 2 && ((f == 0x31 && u[1] == 0x39) || (f == 0x32 && u[1] == 0x30)) }
        guard f >= 0x41 && f <= 0x5A else { return false }
        var k = 0
        while k < u.count, u[k] >= 0x41 && u[k] <= 0x5A { k += 1 }
        guard k < u.count else { return false }
        return (k <= 4 && u[k] == 0x2D) || (k <= 2 && u[k] >= 0x30 && u[k] <= 0x39)
    }

    static func isTableRow(_ t: String) -> Bool {
        // Both tests need a bar.
        guard t.utf8.contains(0x7C) else { return false }
        let s = t.trimmedSpaces
        return s.filter({ $0 == "|" }).count >= 2 || (s.contains(" | ") && s.split(separator: "|").count >= 2)
    }

    static func isTableRule(_ t: String) -> Bool {
        let s = t.trimmedSpaces
        return s.contains("-") && s.allSatisfy { "|-:+ =".contains($0) }
    }

    nonisolated(unsafe) static let numberedTitleRx = Patterns.regex(#"^([0-9]{1,2}(?:\.[0-9]{1,2})*)[.)]?\s+(\S.*)$"#)

    /// Headings: markdown `#`, lines in capitals, short lines ending in a colon (a label over
    /// the list below it), bold-only lines, and short numbered titles ("3. Inkoop jeugdhulp
    /// 2025", "1  Apologies") — except in an actions list, where a numbered line is an entry.
    static func heading(_ raw: String, inActions: Bool = false, nextNumber: Int? = nil) -> (text: String, label: Bool)? {
        var t = raw.trimmedSpaces
        if t.hasPrefix("#") { return (t.drop(while: { $0 == "#" }).trimmedSpaces, false) }
        if t.hasPrefix("**"), t.hasSuffix("**"), t.count > 4, !t.dropFirst(2).dropLast(2).contains("**") {
            t = String(t.dropFirst(2).dropLast(2)).trimmedSpaces
            if !t.hasSuffix(".") { return t.hasSuffix(":") ? (String(t.dropLast()), true) : (t, false) }
        }
        var numbered = false
        var inSequence = false
        // In an actions list only the next agenda number ("2." after "1. Action log") is a title.
        if let m = numberedTitle(t), let rest = m.output[2].substring {
            inSequence = m.output[1].substring.flatMap { Int($0) } == nextNumber
            if !inActions || inSequence { t = String(rest); numbered = true }
        }
        // Most lines are longer than a heading: counting their words up to the thirteenth
        // rules them out before they are split and their letters copied.
        // On bytes while they are ASCII (no CR): a byte is a character there, and the
        // thirteenth word found among them is one; else by characters.
        var wordCount = 0, inWord = false, ascii = true
        for b in t.utf8 {
            if b >= 0x80 || b == 0x0D { ascii = false; break }
            if b == 0x20 { inWord = false } else if !inWord {
                inWord = true
                wordCount += 1
                if wordCount > 12 { return nil }
            }
        }
        if !ascii {
            wordCount = 0; inWord = false
            for c in t {
                if c == " " { inWord = false } else if !inWord {
                    inWord = true
                    wordCount += 1
                    if wordCount > 12 { return nil }
                }
            }
        }
        // Letters and capitals among them, on bytes for ASCII, where only A-Z and a-z are letters.
        var letters = 0, capitals = 0
        if ascii {
            for b in t.utf8 {
                if b >= 0x41 && b <= 0x5A { letters += 1; capitals += 1 } else if b >= 0x61 && b <= 0x7A { letters += 1 }
            }
        } else {
            for c in t where c.isLetter {
                letters += 1
                if c.isUppercase { capitals += 1 }
            }
        }
        guard letters > 0, wordCount <= 12 else { return nil }
        if letters >= 4, capitals * 10 >= letters * 9 { return (t, false) }
        if t.hasSuffix(":"), wordCount <= 4, !MarkerScan.hasContentAfterMarker(t) { return (String(t.dropLast()), true) }
        if wordCount <= 5, !t.hasSuffix("."),
           CandidateFinder.isActionSection(t) || CandidateFinder.isDecisionSection(t) { return (t, false) }
        if numbered, wordCount <= 8, let l = t.last, !".:;,".contains(l), t.first?.isUppercase == true,
           inSequence || ProseRules.analyze(t).commitment == nil { return (t, false) }
        return nil
    }

    /// The longest unit, in characters. Much of what reads a unit slices it by character
    /// offsets and reads "the rest of the unit" after each marker, which costs the square
    /// of its length: a 1 MB line took 25 s. A longer unit (a line or paragraph no
    /// minutes have) is cut at sentence ends into pieces of about this length.
    static let longestUnit = 2_000

    static func bounded(_ u: Unit) -> [Unit] {
        // No more bytes than the limit: no more characters either.
        if u.text.utf8.count <= longestUnit { return [u] }
        let chars = Array(u.text)
        guard chars.count > longestUnit else { return [u] }
        var pieces: [Unit] = []
        var start = 0
        while start < chars.count {
            var end = min(chars.count, start + longestUnit)
            if end < chars.count {
                // The last sentence end in the second half of the piece, else a space, else a hard cut.
                let floor = start + longestUnit / 2
                var cut = end
                while cut > floor && !(".?!;".contains(chars[cut - 1]) && chars[cut] == " ") { cut -= 1 }
                if cut == floor {
                    cut = end
                    while cut > floor && chars[cut] != " " { cut -= 1 }
                }
                end = cut > floor ? cut : end
            }
            let starts = u.lineStarts.filter { $0.offset >= start && $0.offset < end }.map { (offset: $0.offset - start, line: $0.line) }
            let line = u.lineStarts.last { $0.offset <= start }?.line ?? u.firstLine
            let first = starts.first?.offset == 0 ? starts : [(offset: 0, line: line)] + starts
            var piece = Unit(kind: pieces.isEmpty ? u.kind : .paragraph, text: String(chars[start..<end]),
                             lineStarts: first, section: u.section)
            piece.breaks = u.breaks.filter { $0 > start && $0 < end }.map { $0 - start }
            pieces.append(piece)
            start = end
            while start < chars.count && chars[start] == " " { start += 1 }
        }
        return pieces
    }

    static func units(lines: [String]) -> [Unit] {
        var units: [Unit] = []
        var current: Unit?
        var blankSince = false
        var section: String?
        var currentIndent = 0
        let width = wrapWidth(lines)
        var labelOuter: String??
        var agendaNumber: Int?
        var sawListUnderLabel = false
        var previousLength = 0
        // Whether the section is an actions list, asked of every line: known per section.
        var sectionAsked: String?? = .none
        var sectionIsActions = false

        // Under the header line of a table flattened into text ("Datum Omschrijving Naam
        // Einddatum"), each line is a row of its own until a blank line; set while in such
        // rows, true when the first column is the date the action was raised, not when it is due.
        var flatRowsDropDate: Bool?

        // What each line is on its own (trimmed, a table row or rule, a marked entry, a
        // bullet, a flattened table's header, a speaker's turn) does not depend on the lines
        // around it: worked out on both cores first, read in order below.
        let facts = lines.parallelMap(minimumCount: 256) { LineFacts($0.trimmedSpaces) }

        func flush() {
            if let c = current, !c.text.trimmedSpaces.isEmpty { units.append(c) }
            current = nil
        }
        for (i, raw) in lines.enumerated() {
            let lineNo = i + 1
            let fact = facts[i]
            let t = fact.t
            if t.isEmpty { blankSince = true; flatRowsDropDate = nil; continue }
            if let dropsDate = flatRowsDropDate {
                // A row opens with a date or a word; a table row, a bullet or a heading ("2.
                // Rondvraag" included) ends the rows.
                if !fact.tableRow, fact.bullet == nil, heading(t) == nil || (t.first?.isNumber == true && numberedTitle(t) == nil) {
                    flush()
                    var row = t
                    if dropsDate, let first = row.split(separator: " ").first, first.contains(where: \.isNumber),
                       first.allSatisfy({ $0.isNumber || "-/.".contains($0) }) {
                        row = String(row.dropFirst(first.count)).trimmedSpaces
                    }
                    if !row.isEmpty { units.append(Unit(kind: .paragraph, text: row, lineStarts: [(0, lineNo)], section: section)) }
                    previousLength = 0
                    continue
                }
                flatRowsDropDate = nil
            }
            if let dropsDate = fact.flatHeader {
                flush()
                flatRowsDropDate = dropsDate
                blankSince = false
                continue
            }
            let indent = raw.prefix(while: { $0 == " " }).count
            let shortBefore = previousLength > 0 && Double(previousLength) < 0.6 * Double(width)
            defer { blankSince = false; previousLength = raw.trimmingTrailingSpace.count }
            if fact.tableRow {
                flush()
                if !fact.tableRule {
                    units.append(Unit(kind: .tableRow, text: t, lineStarts: [(0, lineNo)], section: section))
                }
                continue
            }
            if fact.tableRule && t.count >= 3 { flush(); continue }
            if fact.marked {
                flush()
                let body = fact.bullet.map { $0.checkbox == nil ? $0.rest : t } ?? t
                current = Unit(kind: .listItem(checkbox: nil), text: body, lineStarts: [(0, lineNo)], section: section)
                currentIndent = indent
                continue
            }
            // A short title on a line of its own ("Police update") before a paragraph.
            let nextLine = i + 1 < lines.count ? facts[i + 1].t : ""
            let shortTitle = blankSince || current == nil || current?.kind == .heading
            let titleLike = shortTitle && t.split(separator: " ").count <= 4 && t.first?.isUppercase == true
                && t.last.map { $0.isLetter } == true && nextLine.first?.isUppercase == true
                && !ActorParser.looksLikeActorList(t) && fact.bullet == nil
            if sectionAsked != section { sectionAsked = section; sectionIsActions = CandidateFinder.isActionSection(section) }
            if let (h, isLabel) = heading(t, inActions: sectionIsActions, nextNumber: (agendaNumber ?? 0) + 1)
                ?? (titleLike ? (t, false) : nil) {
                if let m = numberedTitle(t), let n = m.output[1].substring.flatMap({ Int($0) }) { agendaNumber = n }
                // A heading split over two lines in capitals reads as one.
                if let c = current, c.kind == .heading, !blankSince, !isLabel {
                    current!.text += " " + h
                    section = current!.text
                    continue
                }
                flush()
                // A label ("Besloten wordt:") heads the list under it, not the rest of the item.
                if isLabel { labelOuter = labelOuter ?? section; sawListUnderLabel = false } else { labelOuter = nil }
                section = h
                current = Unit(kind: .heading, text: h, lineStarts: [(0, lineNo)], section: nil)
                continue
            }
            if let b = fact.bullet {
                if labelOuter != nil { sawListUnderLabel = true }
                flush()
                current = Unit(kind: .listItem(checkbox: b.checkbox), text: b.rest, lineStarts: [(0, lineNo)], section: section)
                currentIndent = indent
                continue
            }
            if var c = current, c.kind != .heading, c.kind != .tableRow {
                // "… by Friday. Action: AK" ends the entry as a full stop would.
                let ended = c.text.last.map { ".!?;:".contains($0) } ?? true || endsWithOwnerLabel(c.text)
                let startsLower = t.first.map { $0.isLowercase || $0.isNumber } ?? false
                // A short unfinished line followed by a capital was not wrapped: a new entry.
                let freshStart = !startsLower && shortBefore && indent <= currentIndent
                var continues: Bool
                switch c.kind {
                case .listItem:
                    continues = blankSince ? (!ended && startsLower) : (!ended || startsLower || indent > currentIndent)
                    if freshStart && !ended { continues = false }
                default:
                    continues = blankSince ? (!ended && startsLower) : !(freshStart && !ended)
                }
                if fact.speaker || endsWithOwnerLabel(c.text) { continues = false }
                // Indented under a short line with no full stop, and opening with a capital:
                // still the same entry, but a sentence of its own.
                let ownSentence = !blankSince && !ended && !startsLower && shortBefore && indent > currentIndent
                    && t.first?.isLetter == true
                if continues {
                    append(t, line: lineNo, to: &c)
                    if ownSentence, let b = c.lineStarts.last?.offset { c.breaks.append(b) }
                    current = c
                    continue
                }
            }
            flush()
            if let outer = labelOuter, sawListUnderLabel || units.last?.kind == .paragraph {
                section = outer
                labelOuter = nil
            }
            current = Unit(kind: .paragraph, text: t, lineStarts: [(0, lineNo)], section: section)
            currentIndent = indent
        }
        flush()
        return units.flatMap(bounded)
    }

    /// What a line is on its own: `units` asks every line these, in order.
    struct LineFacts {
        let t: String
        let flatHeader: Bool?
        let tableRow: Bool
        let tableRule: Bool
        let marked: Bool
        let bullet: (checkbox: Bool?, rest: String)?
        let speaker: Bool

        init(_ t: String) {
            self.t = t
            let blank = t.isEmpty
            flatHeader = blank ? nil : Segmenter.flatTableHeader(t)
            tableRow = !blank && Segmenter.isTableRow(t)
            tableRule = !blank && Segmenter.isTableRule(t)
            marked = !blank && MarkerScan.startsWithMarker(t) && MarkerScan.hasContentAfterMarker(t)
            bullet = blank ? nil : Segmenter.bullet(of: t)
            speaker = !blank && Segmenter.isSpeakerLine(t)
        }
    }

    /// The header of a table whose cells a conversion to text has joined with single
    /// spaces: a line of three to seven column names, one of them saying what is to be done
    /// and one who does it or when ("Datum Omschrijving Naam Einddatum Voltooid", "Nr Actie
    /// Wie Wanneer", "Action Owner Due Status"). Whether its first column is a date that is
    /// no deadline (the date an action was raised), nil when the line is no such header.
    static func flatTableHeader(_ t: String) -> Bool? {
        // Asked of every line: most have too many words, or too few, to be one. Counted on
        // the bytes of a plain ASCII line (runs of spaces are one gap); other lines are folded.
        var count = 0, inWord = false, ascii = true
        for b in t.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b == 0x20 || b == 0x09 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        if ascii, !(3...7).contains(count) { return nil }
        if ascii {
            // Most short lines open with a word that names no column: read the first on its bytes.
            let w = Fold.string(String(t.utf8.split(separator: 0x20, maxSplits: 1).first.map { Substring($0) } ?? ""))
            guard ActionTable.whatWords.contains(w) || ActionTable.whoWords.contains(w) || w == "naam" || ActionTable.whenWords.contains(w)
                    || ActionTable.statusWords.contains(w) || flatTableOtherColumns.contains(w) else { return nil }
        }
        let folded = Fold.string(t).split(separator: " ")
        guard (3...7).contains(folded.count) else { return nil }
        // The column names of an actions table, and a few a flattened one adds.
        let who = { (w: String) in ActionTable.whoWords.contains(w) || w == "naam" }
        let when = { (w: String) in ActionTable.whenWords.contains(w) }
        let column = { (w: String) in
            ActionTable.whatWords.contains(w) || who(w) || when(w) || ActionTable.statusWords.contains(w) || flatTableOtherColumns.contains(w)
        }
        // Most short lines open with a word that names no column.
        guard column(String(folded[0])) else { return nil }
        let words = folded.map(String.init)
        guard words.allSatisfy(column),
              words.contains(where: ActionTable.whatWords.contains), words.contains(where: { who($0) || when($0) }) else { return nil }
        return ["datum", "date"].contains(words[0]) && words.dropFirst().contains(where: when)
    }

    /// Columns a flattened actions table may have besides what, who, when and status.
    static let flatTableOtherColumns: Set<String> = ["nr", "nr.", "no", "no.", "#", "voltooid", "opmerking", "opmerkingen",
                                                     "notes", "ingebracht", "raised"]

    /// Joins a wrapped line, undoing end-of-line hyphenation ("vergunning-" + "houders").
    static func append(_ t: String, line: Int, to unit: inout Unit) {
        var text = unit.text
        if text.hasSuffix("-"), text.count >= 2, text.dropLast().last?.isLowercase == true,
           t.first?.isLowercase == true {
            text.removeLast()
        } else {
            text += " "
        }
        unit.lineStarts.append((text.count, line))
        unit.text = text + t
    }
}
