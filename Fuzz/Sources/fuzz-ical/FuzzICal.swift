import Foundation
import FuzzDriver
import RemindCore

/// Any title and owner (the input split at the first 0xFF byte, which UTF-8 never holds;
/// the owner also serves as the item id and the feed's name) through the iCalendar writer:
/// the output has CRLF line ends only, no line over 75 octets, valid UTF-8 on every line,
/// only the properties the writer writes, and unfolding and unescaping it gives the title
/// and owner back, less the control characters the writer drops.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzICal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0xFF, maxSplits: 1, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let title = parts[0]
    let owner = parts.count > 1 ? parts[1] : "SJenV"
    let deadline = Date(timeIntervalSince1970: 1_696_258_800)   // 2023-10-02T15:00:00Z
    let when: CalendarEvent.When = size % 2 == 0 ? .allDay(LocalDate(year: 2023, month: 10, day: 2)) : .timed(deadline)
    let event = CalendarEvent(uid: CalendarEvent.uid(itemID: owner), sequence: CalendarEvent.sequence(deadline: deadline),
                              summary: title, description: owner, when: when)
    let out = ICalendarWriter.bytes([event], now: Date(timeIntervalSince1970: 1_695_970_800), name: owner)
    ICalInvariants.check(out, title: title, owner: owner)
    return 0
}

enum ICalInvariants {
    static let expectedNames = ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "BEGIN", "UID",
                                "DTSTAMP", "SEQUENCE", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "TRANSP", "END", "END"]

    static func check(_ out: [UInt8], title: String, owner: String) {
        // Physical lines: CRLF only, at most 75 octets, each valid UTF-8 on its own.
        var physical: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < out.count {
            let b = out[i]
            if b == 0x0D {
                precondition(i + 1 < out.count && out[i + 1] == 0x0A, "bare CR")
                physical.append(current)
                current = []
                i += 2
                continue
            }
            precondition(b != 0x0A, "bare LF")
            current.append(b)
            i += 1
        }
        precondition(current.isEmpty, "the output does not end with CRLF")
        for line in physical {
            precondition(line.count <= 75, "a line of \(line.count) octets")
            precondition(String(validating: line, as: UTF8.self) != nil, "a line cut inside a UTF-8 sequence")
            precondition(!line.contains { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F }, "a control character in a line")
        }
        // Unfold (RFC 5545 §3.1): a line starting with a space or tab continues the one before.
        var content: [[UInt8]] = []
        for line in physical {
            if let first = line.first, first == 0x20 || first == 0x09 {
                precondition(!content.isEmpty, "a continuation before the first line")
                content[content.count - 1] += line.dropFirst()
            } else {
                content.append(line)
            }
        }
        var values: [(name: String, value: String)] = []
        for line in content {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { preconditionFailure("a line without a colon") }
            let head = String(decoding: line[..<colon], as: UTF8.self)
            let name = head.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
            values.append((String(name), unescape(Array(line[(colon + 1)...]))))
        }
        precondition(values.map(\.name) == expectedNames, "properties \(values.map(\.name))")
        let value = { (name: String) in values.first { $0.name == name }!.value }
        precondition(value("SUMMARY") == kept(title), "the title did not come back")
        precondition(value("DESCRIPTION") == kept(owner), "the owner did not come back")
        precondition(value("X-WR-CALNAME") == kept(owner), "the feed's name did not come back")
        let uid = value("UID")
        precondition(uid.hasSuffix("@remindd") && uid.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";")
            && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: ":") }, "a UID that needs escaping: \(uid)")
    }

    /// TEXT unescaping (§3.3.11): `\\`, `\;`, `\,`, `\n`/`\N`.
    static func unescape(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var escaped = false
        for b in bytes {
            if escaped {
                out.append(b == UInt8(ascii: "n") || b == UInt8(ascii: "N") ? 0x0A : b)
                escaped = false
            } else if b == 0x5C {
                escaped = true
            } else {
                out.append(b)
            }
        }
        precondition(!escaped, "a value ends in a lone backslash")
        return String(decoding: out, as: UTF8.self)
    }

    /// The text with what the writer drops dropped, written out independently: C0 controls
    /// but tab, DEL and C1 controls go; CR LF, CR and LF each become one line break.
    static func kept(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u.value {
            case 0x0D: out.append("\n")
            case 0x0A: if i == 0 || scalars[i - 1].value != 0x0D { out.append("\n") }
            case 0x09: out.append(u)
            case 0x00..<0x20, 0x7F, 0x80...0x9F: break
            default: out.append(u)
            }
        }
        return String(out)
    }
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_ical_main")
public func fuzzICalMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzICal(data, size)
    }
}
