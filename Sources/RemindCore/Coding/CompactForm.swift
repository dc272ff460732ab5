import Foundation

/// A type written by `CompactEncoder` in a form of its own instead of through its
/// `Codable` containers: the leaves (strings, numbers, dates), the containers whose
/// `Codable` needs keys the format does not write (optionals, dictionaries), and sequences,
/// which are shorter and quicker read this way.
protocol CompactForm: Codable {
    func writeCompact(to e: CompactEncoder) throws
    static func readCompact(from d: CompactDecoder) throws -> Self
}

extension CompactForm {
    /// The value at `p` (a `Self`) written.
    static func writeCompact(at p: UnsafeRawPointer, to e: CompactEncoder) throws {
        try p.assumingMemoryBound(to: Self.self).pointee.writeCompact(to: e)
    }

    /// A `Self` read into the uninitialised memory at `p`.
    static func readCompact(from d: CompactDecoder, into p: UnsafeMutableRawPointer) throws {
        p.assumingMemoryBound(to: Self.self).initialize(to: try readCompact(from: d))
    }
}

/// A class of which a snapshot holds few objects, each referred to many times (the items'
/// policies): each object is written once, then by number, and read back as one object.
protocol CompactSharedObject: CompactForm, AnyObject {
    /// The object to keep for one just decoded (a shared standard one, say).
    static func shared(_ decoded: Self) -> Self
}

extension CompactSharedObject {
    func writeCompact(to e: CompactEncoder) throws { try e.sharedObject(self) }
    static func readCompact(from d: CompactDecoder) throws -> Self {
        try d.sharedObject(Self.self) { shared($0) }
    }
}

/// Which types have a compact form, looked up once per type: asking the runtime for a
/// conformance on every value cost more than writing it. A small open-addressed table on the
/// type's address; a snapshot meets a few dozen types.
struct CompactForms {
    private var slots = [(type: ObjectIdentifier, form: (any CompactForm.Type)?)?](repeating: nil, count: 256)

    mutating func form(of type: Any.Type) -> (any CompactForm.Type)? {
        let id = ObjectIdentifier(type)
        var i = Int((UInt(bitPattern: id) >> 4) & 255)
        while let slot = slots[i] {
            if slot.type == id { return slot.form }
            i = (i + 1) & 255
        }
        let form = type as? any CompactForm.Type
        // A full table would not end the loop above: past 192 types, stop remembering.
        if slots.lazy.filter({ $0 != nil }).count < 192 { slots[i] = (id, form) }
        return form
    }
}

extension String: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.string(self) }
    static func readCompact(from d: CompactDecoder) throws -> String { try d.string() }
}

extension Int: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.int(self) }
    static func readCompact(from d: CompactDecoder) throws -> Int { try d.int() }
}

extension Double: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.double(self) }
    static func readCompact(from d: CompactDecoder) throws -> Double { try d.double() }
}

extension Bool: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.bool(self) }
    static func readCompact(from d: CompactDecoder) throws -> Bool { try d.bool() }
}

extension Date: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.double(timeIntervalSinceReferenceDate) }
    static func readCompact(from d: CompactDecoder) throws -> Date {
        Date(timeIntervalSinceReferenceDate: try d.double())
    }
}

/// Foundation's `Codable` reads its keys in another order than it writes them.
extension TimeZone: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.string(identifier) }
    static func readCompact(from d: CompactDecoder) throws -> TimeZone {
        guard let z = TimeZone(identifier: try d.string()) else { throw CompactFormatError() }
        return z
    }
}

/// Its day number; its `Codable` form (`2026-12-07`) is for JSON.
extension LocalDate: CompactForm {
    func writeCompact(to e: CompactEncoder) { e.int(dayNumber) }
    static func readCompact(from d: CompactDecoder) throws -> LocalDate {
        let n = try d.int()
        // Years the packed storage holds.
        guard abs(n) < 700_000_000 else { throw CompactFormatError() }
        return LocalDate(dayNumber: n)
    }
}

/// A presence byte, then the value.
extension Optional: CompactForm where Wrapped: Codable {
    func writeCompact(to e: CompactEncoder) throws { try e.encodeIfPresent(self) }
    static func readCompact(from d: CompactDecoder) throws -> Self { try d.decodeIfPresent(Wrapped.self) }
}

/// A count, then the elements.
extension Array: CompactForm where Element: Codable {
    func writeCompact(to e: CompactEncoder) throws {
        e.int(count)
        for x in self { try e.encodeValue(x) }
    }

    static func readCompact(from d: CompactDecoder) throws -> Self {
        let n = try d.count()
        if n == 0 { return [] }  // most lists of an item are empty
        var out: [Element] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try d.decodeValue(Element.self)) }
        return out
    }
}

extension Set: CompactForm where Element: Codable {
    func writeCompact(to e: CompactEncoder) throws { try Array(self).writeCompact(to: e) }
    static func readCompact(from d: CompactDecoder) throws -> Self { Set(try [Element].readCompact(from: d)) }
}

/// The entries sorted by key, so that equal dictionaries give equal bytes.
extension Dictionary: CompactForm where Key == String, Value: Codable {
    func writeCompact(to e: CompactEncoder) throws {
        e.int(count)
        for k in keys.sorted() {
            e.string(k)
            try e.encodeValue(self[k]!)
        }
    }

    static func readCompact(from d: CompactDecoder) throws -> Self {
        let n = try d.count()
        var out: [String: Value] = [:]
        out.reserveCapacity(n)
        for _ in 0..<n {
            let k = try d.string()
            out[k] = try d.decodeValue(Value.self)
        }
        return out
    }
}
