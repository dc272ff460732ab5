import Foundation

/// Reads what `CompactEncoder` wrote, value after value, as the same types decode
/// themselves. Bytes that do not fit (too short, a count past the end, an unknown enum
/// case) throw `CompactFormatError`; the snapshot's caller then loads the YAML instead.
public final class CompactDecoder {
    private let base: UnsafeRawBufferPointer
    private var pos = 0
    private var forms = CompactForms()
    private var sharedObjects: [AnyObject] = []
    /// Handed to every type's `init(from:)` as `userInfo`.
    public let userInfo: [CodingUserInfoKey: Any]

    /// `base` must outlive the decoder.
    public init(_ base: UnsafeRawBufferPointer, userInfo: [CodingUserInfoKey: Any] = [:]) {
        self.base = base
        self.userInfo = userInfo
    }

    public var atEnd: Bool { pos == base.count }

    /// Bytes read so far.
    public var offset: Int { pos }

    public func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    // MARK: primitives

    func byte() throws -> UInt8 {
        guard pos < base.count else { throw CompactFormatError() }
        defer { pos += 1 }
        return base[pos]
    }

    func uint() throws -> UInt64 {
        var z: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw CompactFormatError() }
            z |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return z
    }

    func int() throws -> Int {
        let z = try uint()
        return Int(Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1))
    }

    /// A count of elements, each of which takes at least a byte: a larger one is damage.
    func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= base.count - pos else { throw CompactFormatError() }
        return n
    }

    func fixedCount() throws -> Int {
        guard base.count - pos >= 4 else { throw CompactFormatError() }
        let n = Int(base[pos]) | Int(base[pos + 1]) << 8 | Int(base[pos + 2]) << 16 | Int(base[pos + 3]) << 24
        pos += 4
        guard n <= base.count - pos else { throw CompactFormatError() }
        return n
    }

    func fixed() throws -> UInt64 {
        guard base.count - pos >= 8 else { throw CompactFormatError() }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(base[pos + i]) << (8 * UInt64(i)) }
        pos += 8
        return bits
    }

    func double() throws -> Double { Double(bitPattern: try fixed()) }

    func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw CompactFormatError()
        }
    }

    func presence() throws -> Bool { try bool() }

    func string() throws -> String {
        let n = try count()
        defer { pos += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[pos..<pos + n]), as: UTF8.self)
    }

    func peekByte() -> UInt8? { pos < base.count ? base[pos] : nil }

    /// The string at the read position, left unread.
    func peekString() -> String? {
        let start = pos
        defer { pos = start }
        return try? string()
    }

    func integer<T: BinaryInteger>(_: T.Type) throws -> T {
        if T.isSigned {
            guard let v = T(exactly: try int()) else { throw CompactFormatError() }
            return v
        }
        guard let v = T(exactly: try uint()) else { throw CompactFormatError() }
        return v
    }

    /// The counterpart of `CompactEncoder.encodeValue`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        guard let form = forms.form(of: T.self) else { return try T(from: Reader(self)) }
        // Raw memory rather than a typed buffer: in this unspecialised code every typed
        // pointer or buffer of T is a look-up of its type in the runtime's tables.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        defer { raw.deallocate() }
        try form.readCompact(from: self, into: raw)
        return raw.assumingMemoryBound(to: T.self).move()
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? {
        try presence() ? try decodeValue(type) : nil
    }

    /// The counterpart of `CompactEncoder.sharedObject`; `keep` picks the object to keep
    /// for one read the first time.
    func sharedObject<T: AnyObject & Decodable>(_ type: T.Type, keep: (T) -> T) throws -> T {
        let n = try int()
        if n == -1 {
            let object = keep(try T(from: Reader(self)))
            sharedObjects.append(object)
            return object
        }
        guard sharedObjects.indices.contains(n), let object = sharedObjects[n] as? T else { throw CompactFormatError() }
        return object
    }
}

public struct CompactFormatError: Error, CustomStringConvertible {
    var detail: String?
    public var description: String { "the compact data is damaged" + (detail.map { ": " + $0 } ?? "") }
}

extension CompactDecoder {
    struct Reader: Decoder {
        let d: CompactDecoder
        init(_ d: CompactDecoder) { self.d = d }

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { d.userInfo }

        func container<Key: CodingKey>(keyedBy: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Keyed(d: d))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { Unkeyed(d: d, count: try d.fixedCount()) }

        func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(d: d) }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let d: CompactDecoder
        var codingPath: [any CodingKey] { [] }

        /// Debug builds: the key written must be the one asked for (see `CompactEncoder`).
        @inline(__always) private func tag(_ key: Key) throws {
            #if DEBUG
            let written = try d.string()
            guard written == key.stringValue else {
                throw CompactFormatError(detail: "\(Key.self): read \(key.stringValue) where \(written) was written")
            }
            #endif
        }

        /// Asked by an enum's `init(from:)`: the case written next.
        var allKeys: [Key] { d.peekString().flatMap { Key(stringValue: $0) }.map { [$0] } ?? [] }

        func contains(_ key: Key) -> Bool { true }

        func decodeNil(forKey key: Key) throws -> Bool { try tag(key); return try !d.presence() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try tag(key); return try d.bool() }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try tag(key); return try d.string() }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try tag(key); return try d.double() }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try tag(key); return Float(try d.double()) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try tag(key); return try d.int() }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try tag(key); return try d.integer(type) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try tag(key); return try d.integer(type) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try tag(key); return try d.integer(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try tag(key); return try d.integer(type) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try tag(key); return try d.integer(type) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try tag(key); return try d.integer(type) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try tag(key); return try d.integer(type) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try tag(key); return try d.integer(type) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try tag(key); return try d.integer(type) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try d.decodeValue(type) }

        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try tag(key); return try d.decodeIfPresent(type) }
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try tag(key); return try d.decodeIfPresent(type) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try tag(key); return try d.decodeIfPresent(type) }
        func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try tag(key); return try d.presence() ? Float(try d.double()) : nil }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try tag(key); return try d.decodeIfPresent(type) }
        func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try tag(key); return try d.presence() ? try d.integer(type) : nil }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try d.decodeIfPresent(type) }

        /// An enum's case: the key written must be this one.
        func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type,
                                                    forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            guard try d.string() == key.stringValue else { throw CompactFormatError() }
            return KeyedDecodingContainer(Keyed<NestedKey>(d: d))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try tag(key)
            return Unkeyed(d: d, count: try d.fixedCount())
        }

        func superDecoder() throws -> any Decoder { Reader(d) }
        func superDecoder(forKey key: Key) throws -> any Decoder { Reader(d) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let d: CompactDecoder
        let total: Int
        var currentIndex = 0
        var codingPath: [any CodingKey] { [] }

        init(d: CompactDecoder, count: Int) {
            self.d = d
            self.total = count
        }

        var count: Int? { total }
        var isAtEnd: Bool { currentIndex >= total }

        private mutating func next() throws {
            guard currentIndex < total else { throw CompactFormatError() }
            currentIndex += 1
        }

        mutating func decodeNil() throws -> Bool {
            // A written nil is one 0 byte; anything else is left for the decode that follows.
            guard currentIndex < total, d.peekByte() == 0 else { return false }
            currentIndex += 1
            _ = try d.byte()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool { try next(); return try d.bool() }
        mutating func decode(_ type: String.Type) throws -> String { try next(); return try d.string() }
        mutating func decode(_ type: Double.Type) throws -> Double { try next(); return try d.double() }
        mutating func decode(_ type: Float.Type) throws -> Float { try next(); return Float(try d.double()) }
        mutating func decode(_ type: Int.Type) throws -> Int { try next(); return try d.int() }
        mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(); return try d.integer(type) }
        mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(); return try d.integer(type) }
        mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(); return try d.integer(type) }
        mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(); return try d.integer(type) }
        mutating func decode(_ type: UInt.Type) throws -> UInt { try next(); return try d.integer(type) }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(); return try d.integer(type) }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(); return try d.integer(type) }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(); return try d.integer(type) }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(); return try d.integer(type) }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(); return try d.decodeValue(type) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next()
            return KeyedDecodingContainer(Keyed<NestedKey>(d: d))
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try next()
            return Unkeyed(d: d, count: try d.fixedCount())
        }

        mutating func superDecoder() throws -> any Decoder { try next(); return Reader(d) }
    }

    struct Single: SingleValueDecodingContainer {
        let d: CompactDecoder
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { false }
        func decode(_ type: Bool.Type) throws -> Bool { try d.bool() }
        func decode(_ type: String.Type) throws -> String { try d.string() }
        func decode(_ type: Double.Type) throws -> Double { try d.double() }
        func decode(_ type: Float.Type) throws -> Float { Float(try d.double()) }
        func decode(_ type: Int.Type) throws -> Int { try d.int() }
        func decode(_ type: Int8.Type) throws -> Int8 { try d.integer(type) }
        func decode(_ type: Int16.Type) throws -> Int16 { try d.integer(type) }
        func decode(_ type: Int32.Type) throws -> Int32 { try d.integer(type) }
        func decode(_ type: Int64.Type) throws -> Int64 { try d.integer(type) }
        func decode(_ type: UInt.Type) throws -> UInt { try d.integer(type) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try d.integer(type) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try d.integer(type) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try d.integer(type) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try d.integer(type) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try d.decodeValue(type) }
    }
}
