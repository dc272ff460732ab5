/// Cuts the history out of a reply's text, leaving what its writer wrote.
///
/// The text ends at the first of these lines (the reply is what comes before):
///
/// - a quoted line: starts with `>` (after white space);
/// - an attribution: "On … wrote:", "Op … schreef …:", Apple's "Op … heeft … het volgende
///   geschreven:" (and German and French forms), each over up to three lines as mailers
///   wrap them; or one line ending in "wrote:"/"schreef:" that names an address;
/// - a separator of dashes around words ("-----Original Message-----", "-----Oorspronkelijk
///   bericht-----", "---------- Forwarded message ---------"), or a line of ten or more
///   underscores (Outlook on the web);
/// - an Outlook header block: "Van:"/"From:" followed within five lines by "Verzonden:",
///   "Sent:", "Aan:", "To:", "Onderwerp:", "Subject:", "Datum:", "Date:" or "Cc:";
/// - a signature separator, `-- ` (or `--`).
///
/// An inline reply writes nothing above the quote: when the first of those lines is a quote
/// or an attribution and only blank lines are above it, the reply is the first block of
/// unquoted lines below the quote, up to the next of those lines. Its first line is "the
/// first non-empty line that is not quoted".
public enum QuotedText {
    /// `text` with LF line breaks; the result is trimmed of blank lines at both ends.
    public static func cut(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let scan = Scanner(lines: lines)
        var first: (at: Int, marker: Marker)?
        for i in lines.indices {
            if let m = scan.marker(at: i) {
                first = (i, m)
                break
            }
        }
        guard let first else { return joined(lines[...]) }
        let above = lines[..<first.at]
        if above.contains(where: { !isBlank($0) }) { return joined(above) }
        guard first.marker.kind != .separator else { return "" }
        var j = first.at
        while j < lines.count {
            if isBlank(lines[j]) {
                j += 1
            } else if let m = scan.marker(at: j), m.kind != .separator {
                j += m.lines
            } else {
                break
            }
        }
        guard j < lines.count, scan.marker(at: j) == nil else { return "" }
        var end = j + 1
        while end < lines.count && scan.marker(at: end) == nil { end += 1 }
        return joined(lines[j..<end])
    }

    struct Marker: Equatable {
        enum Kind { case quote, attribution, separator }
        var kind: Kind
        /// How many lines it spans.
        var lines: Int
    }

    static func isBlank(_ s: Substring) -> Bool { s.allSatisfy(\.isWhitespace) }

    static func joined(_ lines: ArraySlice<Substring>) -> String {
        var a = lines.startIndex, b = lines.endIndex
        while a < b && isBlank(lines[a]) { a += 1 }
        while b > a && isBlank(lines[b - 1]) { b -= 1 }
        return lines[a..<b].joined(separator: "\n")
    }

    struct Scanner {
        let lines: [Substring]

        func trimmed(_ i: Int) -> Substring { Substring(lines[i].trimmingSpaces) }

        func marker(at i: Int) -> Marker? {
            let raw = lines[i]
            if raw == "-- " || raw == "--" { return Marker(kind: .separator, lines: 1) }
            let t = trimmed(i)
            guard let c = t.first else { return nil }
            if c == ">" { return Marker(kind: .quote, lines: 1) }
            if let n = attribution(at: i, first: t) { return Marker(kind: .attribution, lines: n) }
            if isSeparatorLine(t) { return Marker(kind: .separator, lines: 1) }
            if isHeaderBlock(at: i, first: t) { return Marker(kind: .separator, lines: 1) }
            return nil
        }

        /// (first words, words the attribution must hold, how it ends)
        static let attributionForms: [(start: String, keywords: [String], end: String)] = [
            ("on ", [" wrote"], "wrote:"),
            ("op ", ["schreef", "geschreven"], ":"),
            ("am ", ["schrieb"], ":"),
            ("le ", ["a écrit"], ":"),
        ]

        static let maxAttributionLine = 400

        /// The number of lines of an attribution starting at `i`, or nil.
        func attribution(at i: Int, first t: Substring) -> Int? {
            // An attribution is a name, an address and a date: never a long line.
            guard t.utf8.count <= Self.maxAttributionLine else { return nil }
            let lower = t.lowercased()
            for form in Self.attributionForms where lower.hasPrefix(form.start) {
                var joined = ""
                for k in i..<min(i + 3, lines.count) {
                    let line = k == i ? lower : trimmed(k).lowercased()
                    if line.isEmpty || line.utf8.count > Self.maxAttributionLine { break }
                    joined += (joined.isEmpty ? "" : " ") + line
                    if line.hasSuffix(form.end), form.keywords.contains(where: { joined.contains($0) }) {
                        return k - i + 1
                    }
                }
            }
            // "Jan Jansen <jan@example.org> wrote:", "… <jan@example.org> schreef:".
            if lower.contains("@"), lower.hasSuffix(" wrote:") || lower.hasSuffix(" schreef:")
                || lower.hasSuffix("het volgende geschreven:") {
                return 1
            }
            return nil
        }

        /// "-----Original Message-----" and its kin; a line of underscores.
        func isSeparatorLine(_ t: Substring) -> Bool {
            if t.first == "_" && t.utf8.count >= 10 && t.allSatisfy({ $0 == "_" }) { return true }
            guard t.hasPrefix("--"), t.hasSuffix("--"), t.utf8.count >= 10 else { return false }
            return t.contains { $0.isLetter }
        }

        static let fromLabels = ["van:", "from:"]
        static let headerLabels = ["verzonden:", "sent:", "aan:", "to:", "onderwerp:", "subject:", "datum:", "date:", "cc:"]

        /// "Van: …" followed within five lines by another header of the replied-to message.
        func isHeaderBlock(at i: Int, first t: Substring) -> Bool {
            guard Self.hasLabel(t, Self.fromLabels) else { return false }
            for k in (i + 1)..<min(i + 6, lines.count) where Self.hasLabel(trimmed(k), Self.headerLabels) {
                return true
            }
            return false
        }

        /// Starts with one of `labels`, ignoring case and the `*` of a bold label in text
        /// made from HTML.
        static func hasLabel(_ t: Substring, _ labels: [String]) -> Bool {
            let head = t.drop(while: { $0 == "*" }).prefix(12).lowercased().replacingOccurrences(of: "*", with: "")
            return labels.contains { head.hasPrefix($0) }
        }
    }
}
