import Foundation
import Testing
@testable import RemindCore

/// `CompactEncoder`/`CompactDecoder`: any `Codable` shape the model uses comes back equal,
/// and bytes that do not fit throw instead of decoding to something else.
@Suite struct CompactCoderTests {
    enum Shape: Codable, Equatable {
        case plain
        case one(Int)
        case labelled(name: String, inner: [Shape]?)
        case optionalPayload(String?, Double?)
    }

    enum Word: String, Codable { case alpha, beta }

    struct Everything: Codable, Equatable {
        var text: String
        var empty: String
        var unicode: String
        var small: Int8
        var wide: Int64
        var unsigned: UInt64
        var bytes: [UInt8]
        var negative: Int
        var ratio: Double
        var flag: Bool
        var missing: String?
        var present: Int?
        var nestedOptionals: [String?]
        var shapes: [Shape]
        var words: [Word: Int]?
        var table: [String: [Int]]
        var set: Set<Int>
        var matrix: [[Int]]
        var date: LocalDate
        var when: Date
        var zone: TimeZone
    }

    static let sample = Everything(
        text: "housing quota", empty: "", unicode: "Ruimtelijke ordening — ‘Zeeland’ ✓ 🏠",
        small: -128, wide: .min, unsigned: .max, bytes: [0, 1, 255], negative: -1_000_000_007,
        ratio: -0.1, flag: true, missing: nil, present: 0, nestedOptionals: ["a", nil, ""],
        shapes: [.plain, .one(-3), .labelled(name: "x", inner: [.plain, .labelled(name: "", inner: nil)]),
                 .optionalPayload(nil, 2.5), .optionalPayload("y", nil)],
        words: nil, table: ["b": [2, 3], "a": [], "": [1]], set: [5, 1, 3], matrix: [[], [1], [2, 3]],
        date: LocalDate(year: 2026, month: 12, day: 7), when: Date(timeIntervalSinceReferenceDate: 123.456),
        zone: TimeZone(identifier: "Europe/Amsterdam")!)

    static func bytes<T: Encodable>(_ v: T) throws -> [UInt8] {
        let e = CompactEncoder()
        try e.encode(v)
        return e.output
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { buf in
            let d = CompactDecoder(buf)
            let v = try d.decode(type)
            guard d.atEnd else { throw CompactFormatError() }
            return v
        }
    }

    @Test func everyShapeComesBackEqual() throws {
        let back = try Self.decode(Everything.self, Self.bytes(Self.sample))
        #expect(back == Self.sample)
        var other = Self.sample
        other.words = [.beta: 2, .alpha: 1]
        other.missing = "now here"
        other.shapes = []
        #expect(try Self.decode(Everything.self, Self.bytes(other)) == other)
    }

    @Test func valuesFollowEachOther() throws {
        let e = CompactEncoder()
        try e.encode("first")
        try e.encode([1, 2, 3])
        try e.encode(Shape.one(9))
        let (s, a, shape, atEnd) = try e.output.withUnsafeBytes { buf in
            let d = CompactDecoder(buf)
            return (try d.decode(String.self), try d.decode([Int].self), try d.decode(Shape.self), d.atEnd)
        }
        #expect(s == "first" && a == [1, 2, 3] && shape == .one(9) && atEnd)
    }

    @Test func equalDictionariesGiveEqualBytes() throws {
        var a: [String: Int] = [:], b: [String: Int] = [:]
        for i in 0..<50 { a["k\(i)"] = i }
        for i in (0..<50).reversed() { b["k\(i)"] = i }
        #expect(try Self.bytes(a) == Self.bytes(b))
    }

    @Test func everyCutThrows() throws {
        let bytes = try Self.bytes(Self.sample)
        for cut in 0..<bytes.count {
            #expect(throws: (any Error).self, "cut at \(cut)") { try Self.decode(Everything.self, Array(bytes[..<cut])) }
        }
    }

    @Test func aCaseNameThatIsNotThereThrows() throws {
        var bytes = try Self.bytes(Shape.one(1))
        // The case is written as its key: "one" becomes "onf".
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "e")))
        bytes[at] = UInt8(ascii: "f")
        #expect(throws: (any Error).self) { try Self.decode(Shape.self, bytes) }
    }

    @Test func anOutOfRangeIntegerThrows() throws {
        #expect(throws: (any Error).self) { try Self.decode(Int8.self, Self.bytes(Int(200))) }
        #expect(throws: (any Error).self) { try Self.decode(UInt8.self, Self.bytes(UInt64(256))) }
        #expect(throws: (any Error).self) { try Self.decode(Bool.self, [2]) }
        #expect(throws: (any Error).self) { try Self.decode(TimeZone.self, Self.bytes("Not/AZone")) }
    }

    /// A type that reads its fields in another order than it writes them.
    struct Swapped: Codable {
        enum CodingKeys: String, CodingKey { case a, b }
        var a: String, b: String
        init(a: String, b: String) { self.a = a; self.b = b }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            b = try c.decode(String.self, forKey: .b)
            a = try c.decode(String.self, forKey: .a)
        }
    }

    #if DEBUG
    @Test func fieldsReadInAnotherOrderThanWrittenFailInDebugBuilds() throws {
        let bytes = try Self.bytes(Swapped(a: "1", b: "2"))
        #expect(throws: (any Error).self) { try Self.decode(Swapped.self, bytes) }
    }
    #endif

    @Test func itemsDecodedTogetherShareTheirTextsAndPolicies() throws {
        var p = Policy()
        p.onDue = false
        let a = Item(id: "a", title: "A", owner: "anna", policy: p, location: SourceLocation(file: "x.yaml", line: 3, column: 5))
        // Copies hold the same policy box, as the loader's items with one policy do.
        var b = a
        b.id = "b"
        b.title = "B"
        b.channels = ["mail"]
        b.remindAt = [Date(timeIntervalSince1970: 9)]
        b.notes = "n"
        let items = [
            a, b,
            Item(id: "c", title: "C", owner: "bert", meeting: MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25)),
                 due: .nextMeeting(series: nil, offset: DurationSpec(-2, .workdays)), dueText: "next meeting -2wd"),
            // A deadline its text does not read as is written whole.
            Item(id: "d", title: "D", owner: "bert", due: .thisWeek, dueText: "whenever"),
            Item(id: "e", title: "E", owner: "cees", due: .endOfMonth),
            // Nor one its text reads as, with none set.
            Item(id: "f", title: "F", owner: "cees", agreed: LocalDate(year: 2026, month: 1, day: 5), dueText: "this week"),
        ]
        #expect(items[0].sharedPolicy === items[1].sharedPolicy)
        let bytes = try Self.bytes(items)
        let sharing = ItemSharing()
        let back = try bytes.withUnsafeBytes { buf in
            try CompactDecoder(buf, userInfo: [.itemSharing: sharing]).decode([Item].self)
        }
        #expect(back == items)
        #expect(back.allSatisfy { $0.texts === sharing.builder.texts })
        #expect(back[0].sharedPolicy === back[1].sharedPolicy)
        #expect(back[2].sharedPolicy === SharedPolicy.standard && back[3].sharedPolicy === SharedPolicy.standard)
        // Without the sharing, each item stands alone and is still equal.
        #expect(try Self.decode([Item].self, bytes) == items)
    }
}
