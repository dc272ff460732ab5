import Foundation
import FuzzDriver
@testable import MinutesImport

/// Any bytes as a Word document: a zip (`PK`) is read as a .docx (ZIPFoundation, then its
/// word/document.xml), any other input as word/document.xml itself; what is read is
/// drafted and written as YAML. Refusing unreadable input is fine. A zip of 32 KB can hold
/// 30 MB of XML, read in linear time but in seconds under the sanitizers: here the XML is
/// bounded at 4 MB (a user's at 64 MB; the refusal is the same code), and the first 8 KB of
/// the text are drafted (fuzz-import covers the importer on its own inputs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocx(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let text = bytes.starts(with: [0x50, 0x4B]) ? try? WordDocument.text(bytes, largestXML: 4 << 20) : try? DocumentXML.text(bytes)
    if let text { _ = DraftYAML.render(MinutesImporter.extract(String(decoding: text.utf8.prefix(8192), as: UTF8.self))) }
    return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_docx_main")
public func fuzzDocxMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzDocx(data, size)
    }
}
