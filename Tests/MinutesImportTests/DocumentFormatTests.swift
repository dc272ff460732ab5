import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// Whether pdftotext (poppler-utils) is installed. Under CI (`CI` set) this is always true,
/// so a missing pdftotext fails the PDF tests instead of skipping them.
enum PDFTools {
    static let available: Bool = ProcessInfo.processInfo.environment["CI"] != nil
        || PDFText.find("pdftotext", path: ProcessInfo.processInfo.environment["PATH"] ?? "") != nil
    static let skipReason: Comment = "pdftotext not found (apt-get install poppler-utils); set CI to make this a failure"
}

/// Minutes as secretariats have them: a Word document and a PDF, both made by LibreOffice
/// (`soffice --headless --convert-to docx|pdf`) from the dev corpus document
/// `nl-p3ops-overleg-2020-09-28.md` (headings, a list, the attendance table and the
/// actions table). Read from their bytes, whatever their names.
@Suite struct DocumentFormatTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: FixtureCase.root.appendingPathComponent("documents/\(name)"))
    }

    static func expectActions(_ text: String) {
        let r = MinutesImporter.extract(text)
        #expect(r.meetingDate == LocalDate(year: 2020, month: 9, day: 28))
        let got = r.items.map { "\($0.title) | \($0.owner ?? "-") | \($0.due ?? "-")" }
        #expect(got == ["IPTabel | scoffir | 2020-10-04", "Visualisatie | scoffir | 2020-10-04",
                        "Research/Kickoff | Iedereen | 2020-10-04"], "\(got)")
    }

    @Test func aWordDocumentReadsAsTextWithItsTablesListsAndHeadings() throws {
        let text = try MinutesFile.text(Self.fixture("nl-p3ops-overleg-2020-09-28.docx"))
        #expect(text.contains("# Verslag overleg"), "\(text)")
        #expect(text.contains("| IPTabel | scoffir | 2020-10-04 |"), "\(text)")
        #expect(text.contains("- Taakverdeling"), "\(text)")
        #expect(text.contains("Er is besproken wie voor welk onderdeel verantwoordelijk is."), "\(text)")
        Self.expectActions(text)
    }

    @Test(.enabled(if: PDFTools.available, PDFTools.skipReason))
    func aPDFReadsThroughPdftotext() throws {
        let text = try MinutesFile.text(Self.fixture("nl-p3ops-overleg-2020-09-28.pdf"))
        #expect(text.contains("Actiepunten"), "\(text)")
        Self.expectActions(text)
    }

    @Test func aPDFWithoutPdftotextSaysWhatToInstall() throws {
        let pdf = try Self.fixture("nl-p3ops-overleg-2020-09-28.pdf")
        #expect { try MinutesFile.text(pdf, environment: ["PATH": "/nonexistent"]) } throws: { error in
            guard let e = error as? ToolUnavailable else { return false }
            return e.reason.contains("pdftotext") && e.reason.contains("poppler-utils")
        }
    }

    @Test func aZipThatIsNoWordDocumentIsRefused() throws {
        let docx = try Self.fixture("nl-p3ops-overleg-2020-09-28.docx")
        // The zip's magic with garbage after it, and the document cut short.
        for data in [Data("PK\u{3}\u{4}garbage".utf8), docx.prefix(docx.count / 2)] {
            #expect(throws: UnreadableInput.self) { try MinutesFile.text(data) }
        }
    }

    /// fuzz-docx's finding: a zip whose directory points past its end trapped inside
    /// ZIPFoundation's in-memory archive. Now refused as unreadable (exit 65).
    @Test func aZipPointingPastItsEndIsRefusedNotATrap() throws {
        let data = try Self.fixture("finding-seek-past-end.docx")
        #expect(throws: UnreadableInput.self) { try MinutesFile.text(data) }
    }

    /// fuzz-docx's third finding: a deflate stream that ends before its end made
    /// ZIPFoundation's inflate loop ask its file for more bytes forever (the import hung).
    /// The entry is now read from the archive's bytes, and the stream cut short is refused.
    @Test func aDeflateStreamCutShortIsRefusedNotAHang() throws {
        let data = try Self.fixture("finding-truncated-deflate.docx")
        #expect(throws: UnreadableInput.self) { try MinutesFile.text(data) }
    }

    /// The entry is checked against the archive: a changed byte in the packed text fails
    /// its checksum, a local header moved away is no entry, a stored (unpacked) entry reads.
    @Test func aZipEntryIsReadOnlyWhenItsBytesHoldTogether() throws {
        let docx = [UInt8](try Self.fixture("nl-p3ops-overleg-2020-09-28.docx"))
        let entry = try #require(try ZipEntry.find("word/document.xml", in: docx))
        #expect(try ZipEntry.find("word/none.xml", in: docx) == nil)
        let xml = try entry.data(in: docx, limit: 1 << 20)
        #expect(xml.count == entry.uncompressedSize)
        var changed = docx
        let start = entry.localHeaderOffset + 30 + Int(ZipEntry.u16(docx, entry.localHeaderOffset + 26))
            + Int(ZipEntry.u16(docx, entry.localHeaderOffset + 28))
        changed[start + entry.compressedSize / 2] ^= 0x55
        #expect(throws: (any Error).self) { try entry.data(in: changed, limit: 1 << 20) }
        var moved = entry
        moved.localHeaderOffset += 1
        #expect(throws: ZipEntry.Damaged.self) { try moved.data(in: docx, limit: 1 << 20) }
        // The same text stored: the bytes themselves, checked against the checksum.
        var stored = [UInt8](repeating: 0, count: 30)
        stored[0...3] = [0x50, 0x4B, 0x03, 0x04]
        stored += [UInt8](xml)
        let plain = ZipEntry(name: "word/document.xml", method: 0, crc32: entry.crc32, compressedSize: xml.count,
                             uncompressedSize: xml.count, localHeaderOffset: 0)
        #expect(try plain.data(in: stored, limit: 1 << 20) == xml)
        #expect(throws: ZipEntry.TooLarge.self) { try plain.data(in: stored, limit: 100) }
    }

    /// fuzz-docx's second finding: an element name that is not UTF-8 trapped inside
    /// Foundation's XMLParser on Linux; the document XML is now read by a scanner of our own.
    @Test func anElementNameThatIsNotUTF8IsNoTrap() throws {
        let data = try Self.fixture("finding-name-not-utf8.xml")
        _ = try? DocumentXML.text(data)
        #expect(throws: UnreadableInput.self) { try DocumentXML.text(Data("<w:p><w:t>open".utf8)) }
        #expect(throws: UnreadableInput.self) { try DocumentXML.text(Data("<w:p></w:t>".utf8)) }
        #expect(try DocumentXML.text(Data("<w:p><w:t>a &amp; b &#233;&#x20AC; &bogus;</w:t></w:p>".utf8)) == "a & b é€ &bogus;\n\n")
    }

    /// A zip of a few KB can unpack to many MB: past the bound the document is refused,
    /// whether the zip's directory says so or only the unpacked bytes do.
    @Test func aDocumentOverTheBoundIsRefused() throws {
        let docx = try Self.fixture("nl-p3ops-overleg-2020-09-28.docx")
        #expect(try !WordDocument.text(docx, largestXML: 1 << 20).isEmpty)
        let error = #expect(throws: UnreadableInput.self) { try WordDocument.text(docx, largestXML: 4096) }
        #expect(error?.description.contains("over 1 MB") == true, "\(String(describing: error))")
    }

    /// Tags are read where they lie: spaces inside an end tag and around an attribute's
    /// `=`, a comment, CDATA and a processing instruction between them.
    @Test func documentXMLTagsWithSpacesCommentsAndCDATA() throws {
        let xml = """
        <?xml version="1.0"?><!-- a comment --><w:body><w:p ><w:pPr><w:pStyle w:val = "Heading1" /></w:pPr>\
        <w:r><w:t >Besluiten</w:t ></w:r></w:p><w:p><w:r><w:t><![CDATA[a < b]]> &lt; c</w:t></w:r></w:p></w:body >
        """
        #expect(try DocumentXML.text(Data(xml.utf8)) == "# Besluiten\n\na < b < c\n\n")
        #expect(throws: UnreadableInput.self) { try DocumentXML.text(Data("<w:p></ >".utf8)) }
        #expect(throws: UnreadableInput.self) { try DocumentXML.text(Data("<w:p a=1></w:p>".utf8)) }
    }

    @Test func documentXMLParagraphsListsAndNestedTables() throws {
        let xml = """
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
        <w:p><w:pPr><w:pStyle w:val="Kop2"/></w:pPr><w:r><w:t>Actiepunten</w:t></w:r></w:p>
        <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">Jan stuurt </w:t></w:r><w:r><w:t>de planning rond.</w:t></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Wat</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Wie</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>Offerte | opvragen</w:t></w:r></w:p><w:p><w:r><w:t>bij twee leveranciers</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Piet</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>
        """
        let text = try DocumentXML.text(Data(xml.utf8))
        #expect(text == "## Actiepunten\n\n- Jan stuurt de planning rond.\n| Wat | Wie |\n| Offerte / opvragen bij twee leveranciers | Piet |\n\n", "\(text)")
    }
}
