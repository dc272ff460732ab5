import Foundation

/// A Word document (.docx) read as the text `remindd import` reads: `word/document.xml`'s
/// paragraphs one per line with a blank line between them, list paragraphs as "- …",
/// headings as "# …", table rows as "| a | b |". The rules then see what a Word export to
/// plain text would give them, with the tables and lists kept.
public enum WordDocument {
    /// The most XML read from one document: a real one is a few MB; a zip bomb is refused.
    static let largestXML = 64 << 20

    public static func text(_ data: Data) throws -> String { try text(data, largestXML: largestXML) }

    /// `largest` bounds the XML read (the fuzz target reads less than a user may).
    static func text(_ data: Data, largestXML largest: Int) throws -> String {
        let bytes = [UInt8](data)
        let entry: ZipEntry?
        do { entry = try ZipEntry.find("word/document.xml", in: bytes) } catch {
            throw UnreadableInput("a ZIP archive that cannot be opened")
        }
        guard let entry else {
            throw UnreadableInput("a ZIP archive without word/document.xml, so not a Word document: save it as .docx, or export it as plain text")
        }
        let tooLarge = UnreadableInput("a Word document whose text is over \(max(1, largest >> 20)) MB")
        // The size in the zip's directory is what the zip says, not what it holds: both are
        // bounded.
        guard entry.uncompressedSize <= largest else { throw tooLarge }
        let xml: Data
        do { xml = try entry.data(in: bytes, limit: largest) } catch is ZipEntry.TooLarge {
            throw tooLarge
        } catch {
            throw UnreadableInput("a Word document whose text cannot be unpacked")
        }
        return try DocumentXML.text(xml)
    }
}

/// `word/document.xml` to text. The XML is read by `XMLScan` below, not by Foundation's
/// XMLParser: on Linux that one traps on an element name that is not UTF-8 (fuzz-docx
/// found it), and WordprocessingML needs no more than tags, attributes and text.
enum DocumentXML {
    static func text(_ xml: Data) throws -> String {
        let reader = Reader()
        try XMLScan.scan(Array(xml), start: reader.start, end: reader.end, text: reader.characters)
        return reader.lines.joined(separator: "\n") + "\n"
    }

    /// Word's style ids for headings, in English and Dutch ("Heading2", "Kop2", "Title").
    static func headingLevel(_ style: String) -> Int? {
        let s = style.lowercased()
        if s == "title" || s == "titel" { return 1 }
        for prefix in ["heading", "kop"] where s.hasPrefix(prefix) {
            return Int(s.dropFirst(prefix.count)).map { min(6, max(1, $0)) }
        }
        return nil
    }

    final class Reader {
        var lines: [String] = []
        /// The paragraph being read; nested ones (text boxes) each get their own.
        private var paragraphs: [Paragraph] = []
        /// Rows and cells of the tables being read (a table in a cell is read into the cell).
        private var tables: [[[String]]] = []
        private var inText = false

        struct Paragraph {
            var text = ""
            var list = false
            var heading: Int?
        }

        func start(_ name: String, _ attributes: [String: String]) {
            switch name {
            case "w:p": paragraphs.append(Paragraph())
            case "w:t": inText = true
            case "w:tab": append(" ")
            case "w:br", "w:cr": append("\n")
            case "w:numPr": if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].list = true }
            case "w:pStyle":
                guard !paragraphs.isEmpty, let v = attributes["w:val"] else { break }
                if let level = DocumentXML.headingLevel(v) { paragraphs[paragraphs.count - 1].heading = level }
                if v.lowercased().hasPrefix("list") || v.lowercased().hasPrefix("lijst") { paragraphs[paragraphs.count - 1].list = true }
            case "w:tbl": tables.append([])
            case "w:tr": if !tables.isEmpty { tables[tables.count - 1].append([]) }
            case "w:tc":
                if !tables.isEmpty, !tables[tables.count - 1].isEmpty {
                    tables[tables.count - 1][tables[tables.count - 1].count - 1].append("")
                }
            default: break
            }
        }

        func end(_ name: String) {
            switch name {
            case "w:t": inText = false
            case "w:p": endParagraph()
            case "w:tbl":
                guard let table = tables.popLast() else { break }
                let rows = table.map { "| " + $0.map { $0.collapsedWhitespace.replacingOccurrences(of: "|", with: "/") }
                    .joined(separator: " | ") + " |" }
                if tables.isEmpty {
                    lines += rows
                    lines.append("")
                } else {
                    // A table inside a cell: its rows become the cell's text.
                    appendToCell(rows.joined(separator: " "))
                }
            default: break
            }
        }

        func characters(_ string: String) {
            if inText { append(string) }
        }

        private func append(_ s: String) {
            guard !paragraphs.isEmpty else { return }
            paragraphs[paragraphs.count - 1].text += s
        }

        private func appendToCell(_ s: String) {
            guard !tables.isEmpty, let r = tables[tables.count - 1].indices.last,
                  let c = tables[tables.count - 1][r].indices.last else { return }
            let cell = tables[tables.count - 1][r][c]
            tables[tables.count - 1][r][c] = cell.isEmpty ? s : cell + " " + s
        }

        private func endParagraph() {
            guard let p = paragraphs.popLast() else { return }
            let text = p.text.trimmedSpaces
            if !tables.isEmpty {
                // A paragraph of a table cell.
                if !text.isEmpty { appendToCell(text.replacingOccurrences(of: "\n", with: " ")) }
                return
            }
            if text.isEmpty {
                if lines.last?.isEmpty == false { lines.append("") }
                return
            }
            if let h = p.heading {
                lines.append(String(repeating: "#", count: h) + " " + text.replacingOccurrences(of: "\n", with: " "))
                lines.append("")
            } else if p.list {
                lines.append("- " + text)
            } else {
                lines.append(text)
                lines.append("")
            }
        }
    }
}

/// Just enough XML for WordprocessingML: start, end and empty-element tags with their
/// attributes, character data with the five named entities and numeric references,
/// CDATA; comments, processing instructions and the DOCTYPE are skipped (so no entity is
/// ever expanded). Malformed input is an error, never a trap: every index is checked.
enum XMLScan {
    static func scan(_ b: [UInt8], start: (String, [String: String]) -> Void, end: (String) -> Void,
                     text: (String) -> Void) throws {
        let bad = UnreadableInput("a Word document whose XML cannot be read")
        var i = 0
        var open: [String] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty { text(decode(pending)); pending.removeAll(keepingCapacity: true) }
        }
        func find(_ needle: [UInt8], from: Int) -> Int? {
            var k = from
            while k + needle.count <= b.count {
                if b[k] == needle[0] && b[k..<(k + needle.count)].elementsEqual(needle) { return k }
                k += 1
            }
            return nil
        }
        while i < b.count {
            guard b[i] == 0x3C else {   // "<"
                let next = b[i...].firstIndex(of: 0x3C) ?? b.count
                pending += b[i..<next]
                i = next
                continue
            }
            if i + 1 < b.count, b[i + 1] == 0x21, b[i...].starts(with: commentOpen) {   // "<!"
                guard let e = find(commentClose, from: i + 4) else { throw bad }
                i = e + 3; continue
            }
            if i + 1 < b.count, b[i + 1] == 0x21, b[i...].starts(with: cdataOpen) {
                guard let e = find(cdataClose, from: i + 9) else { throw bad }
                flush(); text(String(decoding: b[(i + 9)..<e], as: UTF8.self))
                i = e + 3; continue
            }
            if i + 1 < b.count, b[i + 1] == 0x3F || b[i + 1] == 0x21 {   // "<?", "<!DOCTYPE"
                guard let e = b[i...].firstIndex(of: 0x3E) else { throw bad }
                i = e + 1; continue
            }
            guard let close = b[i...].firstIndex(of: 0x3E) else { throw bad }
            flush()
            // The tag is read where it lies: a document has some ten tags a line of text,
            // and a copy of each (or a Foundation trim) was most of the time spent here.
            var lower = i + 1
            var upper = close
            i = close + 1
            if lower < upper, b[lower] == 0x2F {   // "</name>"
                lower += 1
                while lower < upper, space(b[lower]) { lower += 1 }
                while upper > lower, space(b[upper - 1]) { upper -= 1 }
                let name = String(decoding: b[lower..<upper], as: UTF8.self)
                guard open.popLast() == name else { throw bad }
                end(name)
                continue
            }
            let empty = upper > lower && b[upper - 1] == 0x2F
            if empty { upper -= 1 }
            let (name, attributes) = try tag(b[lower..<upper], bad)
            start(name, attributes)
            if empty { end(name) } else { open.append(name) }
            if open.count > 256 { throw bad }
        }
        flush()
        guard open.isEmpty else { throw bad }
    }

    static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)

    static func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    /// `name a="1" b='2'` → ("name", [a: 1, b: 2]).
    static func tag(_ body: ArraySlice<UInt8>, _ bad: UnreadableInput) throws -> (String, [String: String]) {
        var k = body.startIndex
        while k < body.endIndex, !space(body[k]) { k += 1 }
        guard k > body.startIndex else { throw bad }
        let name = String(decoding: body[..<k], as: UTF8.self)
        var attributes: [String: String] = [:]
        while k < body.endIndex {
            while k < body.endIndex, space(body[k]) { k += 1 }
            guard k < body.endIndex else { break }
            guard let eq = body[k...].firstIndex(of: 0x3D) else { throw bad }
            var open = eq + 1   // XML allows spaces on both sides of the "="
            while open < body.endIndex, space(body[open]) { open += 1 }
            guard open < body.endIndex, body[open] == 0x22 || body[open] == 0x27,
                  let endQuote = body[(open + 1)...].firstIndex(of: body[open]) else { throw bad }
            var keyEnd = eq
            while keyEnd > k, space(body[keyEnd - 1]) { keyEnd -= 1 }
            attributes[String(decoding: body[k..<keyEnd], as: UTF8.self)] = decode(body[(open + 1)..<endQuote])
            k = endQuote + 1
        }
        return (name, attributes)
    }

    /// Character data with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xN;`
    /// resolved; anything else after `&` is kept as written.
    static func decode<C: Collection<UInt8>>(_ bytes: C) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(0x26) else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semi = after.prefix(12).firstIndex(of: ";") else { out += "&"; rest = after; continue }
            let entity = after[..<semi]
            var replacement: String?
            switch entity {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if entity.hasPrefix("#") {
                    replacement = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                }
            }
            if let r = replacement {
                out += r
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }
}
