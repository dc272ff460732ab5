import Foundation

/// Writes any `Encodable` value as compact bytes, for a reader that decodes the same types
/// in the same build (`CompactDecoder`): the config snapshot. The types describe themselves
/// through `Codable` (synthesised for most), so a field added to the model is written
/// without a change here.
///
/// The format is positional: keyed fields in the order the type encodes them, keys not
/// written. Integers are zigzag varints, strings a length and their UTF-8, doubles their
/// bits, optionals a presence byte, arrays and sets a count and their elements (a type's
/// own unkeyed container: a four-byte count, filled in as it goes), dictionaries their
/// entries sorted by key. The one key written is an enum case's (a nested container's
/// key), which is how a decoder learns the case. Debug builds also write every keyed
/// field's key, and their decoder checks it: a type whose `init(from:)` reads its fields in
/// another order than its `encode(to:)` writes them fails its tests instead of reading
/// one field as another.
public final class CompactEncoder {
    fileprivate(set) var bytes: [UInt8] = []
    fileprivate var forms = CompactForms()
    private var sharedObjects: [ObjectIdentifier: Int] = [:]

    /// Handed to every type's `encode(to:)` as `userInfo`.
    public let userInfo: [CodingUserInfoKey: Any]

    public init(capacity: Int = 4096, userInfo: [CodingUserInfoKey: Any] = [:]) {
        bytes.reserveCapacity(capacity)
        self.userInfo = userInfo
    }

    /// Appends `value`; several values may follow each other.
    public func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }

    /// The bytes written so far.
    public var output: [UInt8] { bytes }

    // MARK: primitives

    func int(_ v: Int) {
        var z = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        while z >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    func uint(_ v: UInt64) {
        var z = v
        while z >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        bytes.append(UInt8(z))
    }

    func double(_ d: Double) { fixed(d.bitPattern) }

    func fixed(_ v: UInt64) {
        var bits = v
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    func string(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            int(buf.count)
            bytes.append(contentsOf: buf)
        }
    }

    func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// A count written before its elements are known: four bytes, raised by `bump`.
    func countSlot() -> Int {
        let at = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        return at
    }

    func bump(_ slot: Int) {
        var n = UInt32(bytes[slot]) | UInt32(bytes[slot + 1]) << 8 | UInt32(bytes[slot + 2]) << 16
            | UInt32(bytes[slot + 3]) << 24
        n += 1
        for i in 0..<4 { bytes[slot + i] = UInt8(truncatingIfNeeded: n >> (8 * UInt32(i))) }
    }

    /// Every value goes through here: a type with a compact form of its own (strings,
    /// numbers, optionals, sequences, dictionaries, dates) is written in it, anything else
    /// by its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let form = forms.form(of: T.self) {
            // A copy in raw memory (see `CompactDecoder.decodeValue`).
            let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
            raw.initializeMemory(as: T.self, repeating: value, count: 1)
            defer {
                raw.assumingMemoryBound(to: T.self).deinitialize(count: 1)
                raw.deallocate()
            }
            try form.writeCompact(at: UnsafeRawPointer(raw), to: self)
        } else {
            try value.encode(to: Writer(self))
        }
    }

    func encodeIfPresent<T: Encodable>(_ value: T?) throws {
        guard let value else { bytes.append(0); return }
        bytes.append(1)
        try encodeValue(value)
    }

    func encodeInteger<T: BinaryInteger>(_ v: T) {
        if T.isSigned { int(Int(v)) } else { uint(UInt64(v)) }
    }

    /// An object of a `CompactSharedObject` class: the first time itself, after that its
    /// number.
    func sharedObject<T: AnyObject & Encodable>(_ object: T) throws {
        let key = ObjectIdentifier(object)
        if let n = sharedObjects[key] {
            int(n)
        } else {
            int(-1)
            try object.encode(to: Writer(self))
            sharedObjects[key] = sharedObjects.count
        }
    }
}

extension CompactEncoder {
    /// The `Encoder` a type's `encode(to:)` sees.
    struct Writer: Encoder {
        let e: CompactEncoder
        init(_ e: CompactEncoder) { self.e = e }

        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { e.userInfo }

        func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed(e: e))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(e: e, slot: e.countSlot()) }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(e: e) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let e: CompactEncoder
        var codingPath: [any CodingKey] { [] }

        @inline(__always) private func tag(_ key: Key) {
            #if DEBUG
            e.string(key.stringValue)
            #endif
        }

        mutating func encodeNil(forKey key: Key) throws { tag(key); e.bytes.append(0) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { tag(key); e.bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { tag(key); e.string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { tag(key); e.double(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { tag(key); e.double(Double(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { tag(key); e.int(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { tag(key); e.encodeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try e.encodeValue(value) }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { tag(key); try e.encodeIfPresent(value) }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try e.encodeIfPresent(value) }

        /// An enum's case: its key is written, so that the decoder can tell which.
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type,
                                                             forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            e.string(key.stringValue)
            return KeyedEncodingContainer(Keyed<NestedKey>(e: e))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            tag(key)
            return Unkeyed(e: e, slot: e.countSlot())
        }

        mutating func superEncoder() -> any Encoder { Writer(e) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Writer(e) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let e: CompactEncoder
        let slot: Int
        var count = 0
        var codingPath: [any CodingKey] { [] }

        init(e: CompactEncoder, slot: Int) {
            self.e = e
            self.slot = slot
        }

        private mutating func counted() {
            count += 1
            e.bump(slot)
        }

        mutating func encodeNil() throws { counted(); e.bytes.append(0) }
        mutating func encode(_ value: Bool) throws { counted(); e.bool(value) }
        mutating func encode(_ value: String) throws { counted(); e.string(value) }
        mutating func encode(_ value: Double) throws { counted(); e.double(value) }
        mutating func encode(_ value: Float) throws { counted(); e.double(Double(value)) }
        mutating func encode(_ value: Int) throws { counted(); e.int(value) }
        mutating func encode(_ value: Int8) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: Int16) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: Int32) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: Int64) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: UInt) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: UInt8) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: UInt16) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: UInt32) throws { counted(); e.encodeInteger(value) }
        mutating func encode(_ value: UInt64) throws { counted(); e.encodeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { counted(); try e.encodeValue(value) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            counted()
            return KeyedEncodingContainer(Keyed<NestedKey>(e: e))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            counted()
            return Unkeyed(e: e, slot: e.countSlot())
        }

        mutating func superEncoder() -> any Encoder { counted(); return Writer(e) }
    }

    struct Single: SingleValueEncodingContainer {
        let e: CompactEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { e.bytes.append(0) }
        mutating func encode(_ value: Bool) throws { e.bool(value) }
        mutating func encode(_ value: String) throws { e.string(value) }
        mutating func encode(_ value: Double) throws { e.double(value) }
        mutating func encode(_ value: Float) throws { e.double(Double(value)) }
        mutating func encode(_ value: Int) throws { e.int(value) }
        mutating func encode(_ value: Int8) throws { e.encodeInteger(value) }
        mutating func encode(_ value: Int16) throws { e.encodeInteger(value) }
        mutating func encode(_ value: Int32) throws { e.encodeInteger(value) }
        mutating func encode(_ value: Int64) throws { e.encodeInteger(value) }
        mutating func encode(_ value: UInt) throws { e.encodeInteger(value) }
        mutating func encode(_ value: UInt8) throws { e.encodeInteger(value) }
        mutating func encode(_ value: UInt16) throws { e.encodeInteger(value) }
        mutating func encode(_ value: UInt32) throws { e.encodeInteger(value) }
        mutating func encode(_ value: UInt64) throws { e.encodeInteger(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try e.encodeValue(value) }
    }
}
