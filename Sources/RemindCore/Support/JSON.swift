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
        var out: [UInt8] = []
        write(into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value's UTF-8 as `serialized(pretty:)` writes it, at nesting `indent`.
    /// Bytes rather than a `String`: appending to a byte array is several times cheaper,
    /// which matters for the hundreds of MB of a large agenda.
    public func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out += Self.nullBytes
        case .bool(let b): out += b ? Self.trueBytes : Self.falseBytes
        case .int(let i): out += String(i).utf8
        case .double(let d): out += d.isFinite ? Array(String(d).utf8) : Self.nullBytes
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let a):
            if a.isEmpty { out += [0x5B, 0x5D]; return }
            out.append(0x5B)
            if pretty { out.append(0x0A) }
            for (i, v) in a.enumerated() {
                if pretty { Self.pad(indent + 1, &out) }
                v.write(into: &out, pretty: pretty, indent: indent + 1)
                if i < a.count - 1 { out.append(0x2C) }
                if pretty { out.append(0x0A) }
            }
            if pretty { Self.pad(indent, &out) }
            out.append(0x5D)
        case .object(let o):
            if o.isEmpty { out += [0x7B, 0x7D]; return }
            out.append(0x7B)
            if pretty { out.append(0x0A) }
            for (i, (k, v)) in o.enumerated() {
                if pretty { Self.pad(indent + 1, &out) }
                JSON.escape(k, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                v.write(into: &out, pretty: pretty, indent: indent + 1)
                if i < o.count - 1 { out.append(0x2C) }
                if pretty { out.append(0x0A) }
            }
            if pretty { Self.pad(indent, &out) }
            out.append(0x7D)
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)

    private static func pad(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<(2 * n) { out.append(0x20) }
    }

    /// `escape(_:into:)` of text already in UTF-8.
    static func escape(bytes: [UInt8], into out: inout [UInt8]) {
        if !bytes.withUnsafeBufferPointer(needsEscaping) {
            out.append(0x22)
            out += bytes
            out.append(0x22)
        } else {
            escape(String(decoding: bytes, as: UTF8.self), into: &out)
        }
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        guard needsEscaping(s) else {
            if s.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil { out += s.utf8 }
            out.append(0x22)
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case ..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                // U+2028 and U+2029: valid JSON, but not inside JavaScript strings.
                out += [0x5C, UInt8(ascii: "u"), 0x32, 0x30, 0x32, bytes[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
    }

    /// Most strings (ids, stamps, titles) need no escape at all: one pass over the bytes
    /// finds out, and they are copied whole.
    static func needsEscaping(_ s: String) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable(needsEscaping) { return found }
        var copy = s
        return copy.withUTF8(needsEscaping)
    }

    /// `"`, `\`, control characters, and E2 80 A8/A9 (U+2028, U+2029).
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return true }
        return false
    }
}
