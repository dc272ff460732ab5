import Foundation

/// A JSON value with ordered object keys, so command output reads in a stable, sensible
/// order and scripts can diff it.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    public static func strings(_ a: [String]) -> JSON { .array(a.map { .string($0) }) }
    public static func optional(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }
    /// An object with its keys in byte order (`JSONSerialization`'s `.sortedKeys` for
    /// ASCII keys), for bodies that must not depend on dictionary order.
    public static func sortedObject(_ d: [String: JSON]) -> JSON {
        .object(d.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
    }

    /// Compact by default; `pretty` indents by two spaces.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Appends the value as `serialized(pretty:)` would write it, at nesting `indent`.
    func write(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? String(d) : "null"
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += pretty ? "[\n" : "["
            for (i, v) in a.enumerated() {
                if pretty { Self.pad(indent + 1, &out) }
                v.write(into: &out, pretty: pretty, indent: indent + 1)
                if i < a.count - 1 { out += "," }
                if pretty { out += "\n" }
            }
            if pretty { Self.pad(indent, &out) }
            out += "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += pretty ? "{\n" : "{"
            for (i, (k, v)) in o.enumerated() {
                if pretty { Self.pad(indent + 1, &out) }
                JSON.escape(k, into: &out)
                out += pretty ? ": " : ":"
                v.write(into: &out, pretty: pretty, indent: indent + 1)
                if i < o.count - 1 { out += "," }
                if pretty { out += "\n" }
            }
            if pretty { Self.pad(indent, &out) }
            out += "}"
        }
    }

    private static let pads = (0..<16).map { String(repeating: "  ", count: $0) }

    private static func pad(_ n: Int, _ out: inout String) {
        out += n < pads.count ? pads[n] : String(repeating: "  ", count: n)
    }

    static func escape(_ s: String, into out: inout String) {
        guard needsEscaping(s) else {
            out += "\""
            out += s
            out += "\""
            return
        }
        let bytes = Array(s.utf8)
        var buf: [UInt8] = [0x22]
        buf.reserveCapacity(bytes.count + 16)
        let hex = Array("0123456789abcdef".utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: buf += [0x5C, 0x22]
            case 0x5C: buf += [0x5C, 0x5C]
            case 0x0A: buf += [0x5C, UInt8(ascii: "n")]
            case 0x0D: buf += [0x5C, UInt8(ascii: "r")]
            case 0x09: buf += [0x5C, UInt8(ascii: "t")]
            case ..<0x20: buf += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                // U+2028 and U+2029: valid JSON, but not inside JavaScript strings.
                buf += Array("\\u202".utf8) + [bytes[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                i += 2
            default: buf.append(b)
            }
            i += 1
        }
        buf.append(0x22)
        out += String(decoding: buf, as: UTF8.self)
    }

    /// Most strings (ids, stamps, titles) need no escape at all: one pass over the bytes
    /// finds out, and they are copied whole.
    static func needsEscaping(_ s: String) -> Bool {
        var bytes = s.utf8.makeIterator()
        while let b = bytes.next() {
            // `"`, `\`, control characters, and E2 80 A8/A9 (U+2028, U+2029).
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return true }
        }
        return false
    }
}
