import Foundation
import ZIPFoundation

/// A Word document (.docx) read as the text `remindd import` reads: `word/document.xml`'s
/// paragraphs one per line with a blank line between them, list paragraphs as "- …",
/// headings as "# …", table rows as "| a | b |". The rules then see what a Word export to
/// plain text would give them, with the tables and lists kept.
public enum WordDocument {
    /// The most XML read from one document: a real one is a few MB; a zip bomb is refused.
    static let largestXML = 64 << 20

    public static func text(_ data: Data) throws -> String {
        // From a file, not from memory: ZIPFoundation's in-memory archive lets a seek past
        // the end of a damaged zip through to a read that traps (fuzz-docx found it in 224
        // inputs); its file-backed archive reads nothing there, and refuses the zip.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-docx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("minutes.docx")
        try data.write(to: file)
        let archive: Archive
        do { archive = try Archive(url: file, accessMode: .read) } catch {
            throw UnreadableInput("a ZIP archive that cannot be opened")
        }
        guard let entry = archive["word/document.xml"] else {
            throw UnreadableInput("a ZIP archive without word/document.xml, so not a Word document: save it as .docx, or export it as plain text")
        }
        guard entry.uncompressedSize <= UInt64(largestXML) else {
            throw UnreadableInput("a Word document whose text is over \(largestXML >> 20) MB")
        }
        var xml = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard xml.count + chunk.count <= largestXML else { throw UnreadableInput("a Word document whose text is over \(largestXML >> 20) MB") }
                xml.append(chunk)
            }
        } catch let e as UnreadableInput {
            throw e
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
            if b[i...].starts(with: Array("<!--".utf8)) {
                guard let e = find(Array("-->".utf8), from: i + 4) else { throw bad }
                i = e + 3; continue
            }
            if b[i...].starts(with: Array("<![CDATA[".utf8)) {
                guard let e = find(Array("]]>".utf8), from: i + 9) else { throw bad }
                flush(); text(String(decoding: b[(i + 9)..<e], as: UTF8.self))
                i = e + 3; continue
            }
            if i + 1 < b.count, b[i + 1] == 0x3F || b[i + 1] == 0x21 {   // "<?", "<!DOCTYPE"
                guard let e = b[i...].firstIndex(of: 0x3E) else { throw bad }
                i = e + 1; continue
            }
            guard let close = b[i...].firstIndex(of: 0x3E) else { throw bad }
            flush()
            var body = Array(b[(i + 1)..<close])
            i = close + 1
            if body.first == 0x2F {   // "</name>"
                let name = String(decoding: body.dropFirst(), as: UTF8.self).trimmingCharacters(in: .whitespaces)
                guard open.popLast() == name else { throw bad }
                end(name)
                continue
            }
            let empty = body.last == 0x2F
            if empty { body.removeLast() }
            let (name, attributes) = try tag(body, bad)
            start(name, attributes)
            if empty { end(name) } else { open.append(name) }
            if open.count > 256 { throw bad }
        }
        flush()
        guard open.isEmpty else { throw bad }
    }

    /// `name a="1" b='2'` → ("name", [a: 1, b: 2]).
    static func tag(_ body: [UInt8], _ bad: UnreadableInput) throws -> (String, [String: String]) {
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var k = 0
        while k < body.count, !space(body[k]) { k += 1 }
        guard k > 0 else { throw bad }
        let name = String(decoding: body[..<k], as: UTF8.self)
        var attributes: [String: String] = [:]
        while k < body.count {
            while k < body.count, space(body[k]) { k += 1 }
            guard k < body.count else { break }
            guard let eq = body[k...].firstIndex(of: 0x3D), eq + 1 < body.count,
                  body[eq + 1] == 0x22 || body[eq + 1] == 0x27 else { throw bad }
            let quote = body[eq + 1]
            guard let endQuote = body[(eq + 2)...].firstIndex(of: quote) else { throw bad }
            let key = String(decoding: body[k..<eq], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            attributes[key] = decode(Array(body[(eq + 2)..<endQuote]))
            k = endQuote + 1
        }
        return (name, attributes)
    }

    /// Character data with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xN;`
    /// resolved; anything else after `&` is kept as written.
    static func decode(_ bytes: [UInt8]) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        guard s.contains("&") else { return s }
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
