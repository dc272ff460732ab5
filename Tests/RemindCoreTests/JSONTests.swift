import Foundation
import Testing
@testable import RemindCore

/// RemindCore's JSON writer and reader: the outbox rows, webhook bodies and `--json`
/// output go through them, so they must agree with Foundation on every value remindd writes.
@Suite struct JSONTests {
    @Test func escapesWhatJSONRequiresAndNothingElse() {
        let text = "a\"b\\c\nd\re\tf\u{01}g\u{1F}h/ü–\u{2028}\u{2029}😀"
        #expect(JSON.string(text).serialized() == #""a\"b\\c\nd\re\tf\u0001g\u001fh/ü–\u2028\u2029😀""#)
        #expect(JSON.string("plain ascii 09:00").serialized() == #""plain ascii 09:00""#)
        #expect(!JSON.needsEscaping("Hoogte taakstelling huisvesting Oekraïense ontheemden"))
        #expect(JSON.needsEscaping("line\nbreak") && JSON.needsEscaping("quote\"") && JSON.needsEscaping("sep\u{2028}"))
    }

    @Test func whatItWritesFoundationReadsBack() throws {
        let value = JSON.object([
            ("s", .string("tab\there \"quoted\" \\ \u{7F} \u{0} é")), ("i", .int(-42)), ("d", .double(1.5)),
            ("b", .bool(false)), ("n", .null), ("a", .strings(["x", "y"])), ("o", .object([])),
        ])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? [String: Any])
        #expect(parsed["s"] as? String == "tab\there \"quoted\" \\ \u{7F} \u{0} é")
        #expect(parsed["i"] as? Int == -42 && parsed["d"] as? Double == 1.5 && parsed["b"] as? Bool == false)
        #expect(parsed["n"] is NSNull && parsed["a"] as? [String] == ["x", "y"])
    }

    @Test func readsWhatItWrites() throws {
        let value = JSON.object([
            ("text", .string("a\"b\\c\nd\u{1}é😀\u{2028}")), ("whole", .int(1_695_970_800)), ("frac", .double(1_695_970_800.25)),
            ("neg", .double(-0.5)), ("exp", .double(1e-7)), ("t", .bool(true)), ("f", .bool(false)), ("n", .null),
            ("list", .array([.int(1), .strings(["x"]), .object([("k", .string("v"))])])),
        ])
        let text = value.serialized()
        #expect(try JSON(parsing: text) == value)
        #expect(try JSON(parsing: value.serialized(pretty: true)) == value)
    }

    @Test func readsFoundationsEscapes() throws {
        let text = #"{"a": "\/\b\f\n\r\t\"\\\u00e9\ud83d\ude00", "b": [1, 2.5e3, -0, 1E2]}"#
        let v = try JSON(parsing: text)
        #expect(v["a"]?.stringValue == "/\u{8}\u{C}\n\r\t\"\\é😀")
        #expect(v["b"] == .array([.int(1), .double(2500), .int(0), .double(100)]))
        #expect(v["missing"] == nil && JSON.int(3)["a"] == nil)
    }

    @Test func refusesWhatIsNotJSON() {
        for bad in ["", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", "\"open", "\"\\x\"", "\"\\ud800\"", "tru", "[1] 2",
                    "\"tab\there\"", "nul", "-", "1e"] {
            #expect(throws: JSON.ParseError.self, "\(bad)") { try JSON(parsing: bad) }
        }
    }

    @Test func typedAccessors() throws {
        let v = try JSON(parsing: #"{"i": 7, "d": 7.0, "x": 7.5, "s": "t", "l": ["a", "b"], "m": ["a", 1]}"#)
        #expect(v["i"]?.intValue == 7 && v["d"]?.intValue == 7 && v["x"]?.intValue == nil)
        #expect(v["x"]?.doubleValue == 7.5 && v["s"]?.doubleValue == nil && v["s"]?.stringValue == "t")
        #expect(v["l"]?.stringArray == ["a", "b"] && v["m"]?.stringArray == nil)
    }

    @Test func sortedObjectOrdersKeysAsFoundationDoes() throws {
        let object: [String: Any] = ["to": 1, "cc": 2, "channel": 3, "$schema": 4, "contentType": 5, "content": 6, "key": 7]
        let foundation = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let ours = JSON.sortedObject(object.mapValues { .int($0 as! Int) }).serialized()
        #expect(ours == String(decoding: foundation, as: UTF8.self))
    }
}

/// `Digits` writes what `String(format:)` wrote before it.
@Suite struct DigitsTests {
    @Test func paddedLikePrintf() {
        for n in [0, 1, 7, 9, 10, 42, 99, 100, 999, 1000, 2023, 12345, -1, -42, -2023, 1_000_000_007, -99_999] {
            for width in [1, 2, 3, 4] {
                #expect(Digits.padded(n, width: width) == String(format: "%0\(width)d", n), "\(n) width \(width)")
            }
        }
    }

    @Test func hexLikePrintf() {
        let bytes: [UInt8] = [0, 1, 0x0F, 0x10, 0x7F, 0x80, 0xAB, 0xFF]
        #expect(Digits.hex(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
    }

    @Test func stampsAreUnchanged() {
        let t = Date(timeIntervalSince1970: 1_695_970_805) // 2023-09-29T07:00:05Z
        #expect(UTCStamp.iso(t) == "2023-09-29T07:00:05Z")
        #expect(UTCStamp.compact(t) == "20230929T070005Z")
        #expect(LocalDate(year: 812, month: 3, day: 4).description == "0812-03-04")
        #expect(LocalTime(hour: 9, minute: 5).description == "09:05")
        #expect(LocalTime(hour: 23, minute: 59, second: 7).description == "23:59:07")
        let cal = WorkCalendar(timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
        #expect(Agenda.localStamp(t, cal) == "Fri 2023-09-29 09:00:05")
        #expect(Agenda.localISO(t, cal) == "2023-09-29T09:00:05+02:00")
        let ny = WorkCalendar(timeZone: TimeZone(identifier: "America/St_Johns")!)
        #expect(Agenda.localISO(t, ny) == "2023-09-29T04:30:05-02:30")
    }
}
