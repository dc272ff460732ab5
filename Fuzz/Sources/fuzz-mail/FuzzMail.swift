import Foundation
import FuzzDriver
@testable import RemindDelivery

/// Any title, display name and address (the input split at 0xFF bytes, which UTF-8 never
/// holds) through the header and MIME builder: an address is refused or the message obeys
/// RFC 5322 and 2047. With `FUZZ_MAIL_DUMP=DIR` each message is also written to DIR, for
/// `scripts/fuzz-mail-check`, which reads them with Python's strict e-mail parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0xFF, maxSplits: 2, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let title = parts[0]
    let name = parts.count > 1 ? parts[1] : nil
    var address = parts.count > 2 ? parts[2] : "lrt@example.org"
    if Address.problem(address) != nil { address = "lrt@example.org" }
    let box = Mailbox(name: name, address: address)
    let message = MailMessage(from: box, to: [box, Mailbox(name: title, address: "b@example.org")], cc: [box],
                              subject: title, body: title, date: Date(timeIntervalSince1970: 1_695_625_200),
                              timeZone: TimeZone(identifier: "Europe/Amsterdam") ?? .gmt, key: title)
    let wire = message.rendered()
    MailInvariants.check(wire)
    if let dir = ProcessInfo.processInfo.environment["FUZZ_MAIL_DUMP"] {
        let file = "\(dir)/\(UInt(bitPattern: wire.hashValue)).eml"
        FileManager.default.createFile(atPath: file, contents: Data(wire.utf8))
    }
    return 0
}

enum MailInvariants {
    static let expectedHeaders = ["Date", "From", "To", "Cc", "Subject", "Message-ID", "X-Remindd-Key", "Auto-Submitted",
                                  "X-Auto-Response-Suppress", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]

    static func check(_ wire: String) {
        let bytes = Array(wire.utf8)
        // Line ends are CRLF and nothing else, in the headers and the body.
        for (i, b) in bytes.enumerated() {
            if b == 0x0D { precondition(i + 1 < bytes.count && bytes[i + 1] == 0x0A, "bare CR") }
            if b == 0x0A { precondition(i > 0 && bytes[i - 1] == 0x0D, "bare LF") }
        }
        guard let end = wire.range(of: "\r\n\r\n") else { preconditionFailure("no end of headers") }
        let head = wire[..<end.lowerBound]
        var names: [String] = []
        for line in head.components(separatedBy: "\r\n") {
            precondition(line.utf8.count <= 998, "a header line over 998 octets")
            precondition(line.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 0x20 || $0 == "\t") && $0.value != 0x7F },
                         "a header holds a control or a non-ASCII character")
            if line.first == " " || line.first == "\t" {
                precondition(!names.isEmpty, "a continuation before the first header")
                precondition(line.contains { $0 != " " && $0 != "\t" }, "a continuation line of only spaces")
            } else {
                guard let colon = line.firstIndex(of: ":") else { preconditionFailure("a header line without a name") }
                names.append(String(line[..<colon]))
            }
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                precondition(word.count <= 75 + (word.hasSuffix(",") ? 1 : 0), "an encoded-word over 75 characters")
            }
        }
        precondition(names == expectedHeaders, "headers \(names)")
    }
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_mail_main")
public func fuzzMailMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzMail(data, size)
    }
}
