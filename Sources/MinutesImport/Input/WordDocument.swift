import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

/// `word/document.xml` to text, with Foundation's streaming XML parser.
enum DocumentXML {
    static func text(_ xml: Data) throws -> String {
        let reader = Reader()
        let parser = XMLParser(data: xml)
        parser.shouldResolveExternalEntities = false
        parser.delegate = reader
        guard parser.parse() else {
            throw UnreadableInput("a Word document whose XML cannot be read")
        }
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

    final class Reader: NSObject, XMLParserDelegate {
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

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
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

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
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

        func parser(_ parser: XMLParser, foundCharacters string: String) {
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
