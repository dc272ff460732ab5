import Foundation

/// A compact byte format for `ConfigSnapshot`: integers as zigzag varints, strings as a
/// length and their UTF-8, doubles as their bits. Private to the snapshot; it is never
/// read by anything but the same build of remindd (the snapshot names the build).
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func int(_ v: Int) {
        var z = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        while z >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func double(_ d: Double) {
        var bits = d.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            int(buf.count)
            bytes.append(contentsOf: buf)
        }
    }

    mutating func raw(_ b: [UInt8]) {
        int(b.count)
        bytes.append(contentsOf: b)
    }

    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        if let v { bytes.append(1); write(&self, v) } else { bytes.append(0) }
    }

    mutating func array<S: Collection>(_ a: S, _ write: (inout SnapshotWriter, S.Element) -> Void) {
        int(a.count)
        for e in a { write(&self, e) }
    }

    mutating func strings<S: Collection<String>>(_ a: S) { array(a) { $0.string($1) } }
}

struct SnapshotFormatError: Error, CustomStringConvertible {
    var description: String { "the config snapshot is damaged" }
}

/// Reads what `SnapshotWriter` wrote; any inconsistency throws, and the caller then loads
/// the YAML instead.
struct SnapshotReader {
    private let base: UnsafeRawBufferPointer
    private var pos = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var atEnd: Bool { pos == base.count }

    mutating func byte() throws -> UInt8 {
        guard pos < base.count else { throw SnapshotFormatError() }
        defer { pos += 1 }
        return base[pos]
    }

    mutating func int() throws -> Int {
        var z: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw SnapshotFormatError() }
            z |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        let v = Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
        return Int(v)
    }

    mutating func count() throws -> Int {
        // Every element takes at least a byte: a larger count is damage, not data.
        let n = try int()
        guard n >= 0, n <= base.count - pos else { throw SnapshotFormatError() }
        return n
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw SnapshotFormatError()
        }
    }

    mutating func double() throws -> Double {
        guard base.count - pos >= 8 else { throw SnapshotFormatError() }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(base[pos + i]) << (8 * UInt64(i)) }
        pos += 8
        return Double(bitPattern: bits)
    }

    mutating func string() throws -> String {
        let n = try count()
        guard base.count - pos >= n else { throw SnapshotFormatError() }
        defer { pos += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[pos..<pos + n]), as: UTF8.self)
    }

    mutating func raw() throws -> [UInt8] {
        let n = try count()
        guard base.count - pos >= n else { throw SnapshotFormatError() }
        defer { pos += n }
        return Array(base[pos..<pos + n])
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout SnapshotReader) throws -> T) throws -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    mutating func strings() throws -> [String] { try array { try $0.string() } }

    mutating func `enum`<E: RawRepresentable>(_: E.Type) throws -> E where E.RawValue == String {
        guard let e = E(rawValue: try string()) else { throw SnapshotFormatError() }
        return e
    }
}
