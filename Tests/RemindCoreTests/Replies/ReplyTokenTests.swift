import Foundation
import Testing
@testable import RemindCore

/// The signed token in the Reply-To address, and finding it in a recipient address.
@Suite struct ReplyTokenTests {
    static let keyA = "a1:" + Data(repeating: 0xA1, count: 32).base64EncodedString()
    static let keyB = "b2:" + Data(repeating: 0xB2, count: 32).base64EncodedString()
    static let keys = try! LinkKeys(parsing: keyA)
    static let items = ["mbzk-aedes", "jenv-prt", "sjenv-taakstelling", String(repeating: "lang-item-id-", count: 19)]

    static func verify(_ token: String, keys: LinkKeys = keys) -> Result<String, ReplyToken.Failure> {
        ReplyToken.verify(token, keys: keys, items: items)
    }

    @Test func roundTripInLowercaseLettersAndDigits() {
        for item in Self.items {
            let t = ReplyToken.signed(item: item, keys: Self.keys)
            #expect(t.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x32 && $0 <= 0x37) }, "\(t)")
            #expect(Self.verify(t) == .success(item))
        }
    }

    /// The same token as the Python reference in the fixtures' generator computes it.
    @Test func theLayoutIsFixed() {
        #expect(ReplyToken.signed(item: "mbzk-aedes", keys: Self.keys) == "ah2v77fzd6ktuedelje43xni2i5w5ni")
    }

    @Test func caseIsIgnored() {
        let t = ReplyToken.signed(item: "jenv-prt", keys: Self.keys)
        #expect(Self.verify(t.uppercased()) == .success("jenv-prt"))
        let mixed = String(t.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
        #expect(Self.verify(mixed) == .success("jenv-prt"))
    }

    @Test func anyChangedCharacterIsRefused() {
        let t = Array(ReplyToken.signed(item: "mbzk-aedes", keys: Self.keys))
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        for i in t.indices {
            for c in alphabet where c != t[i] {
                var changed = t
                changed[i] = c
                guard case .failure(let f) = Self.verify(String(changed)) else {
                    Issue.record("position \(i) changed to \(c) was accepted")
                    continue
                }
                // Changed signature bytes: the item is known, the signature is not.
                if i >= 12 && i < 30 { #expect(f == .badSignature, "position \(i) → \(f)") }
            }
        }
    }

    @Test func malformedTokens() {
        let t = ReplyToken.signed(item: "jenv-prt", keys: Self.keys)
        #expect(Self.verify("") == .failure(.malformed))
        #expect(Self.verify(String(t.dropLast())) == .failure(.malformed))
        #expect(Self.verify(t + "a") == .failure(.malformed))
        #expect(Self.verify(String(t.dropLast()) + "1") == .failure(.malformed))   // not base32
        #expect(Self.verify("b" + t.dropFirst()) == .failure(.malformed))          // another version
        #expect(Self.verify(String(repeating: "a", count: 100_000)) == .failure(.malformed))
        // Unused bits set: the same bytes spelt another way are not this token.
        let last = t.last!
        let other = Array("abcdefghijklmnopqrstuvwxyz234567").first { $0 != last && Base32.decode(String(t.dropLast()) + String($0)) == nil }
        #expect(other != nil)
    }

    @Test func anUnknownKeyAndAnImpostorUnderTheSameId() throws {
        let other = try LinkKeys(parsing: Self.keyB)
        #expect(Self.verify(ReplyToken.signed(item: "jenv-prt", keys: other)) == .failure(.unknownKey))
        let sameID = try LinkKeys(parsing: "a1:" + Data(repeating: 0x42, count: 32).base64EncodedString())
        #expect(Self.verify(ReplyToken.signed(item: "jenv-prt", keys: sameID)) == .failure(.badSignature))
    }

    @Test func rotationKeepsOldTokensUntilTheirKeyIsRemoved() throws {
        let old = ReplyToken.signed(item: "jenv-prt", keys: Self.keys)
        let rotated = try LinkKeys(parsing: Self.keyB + "\n" + Self.keyA)
        let new = ReplyToken.signed(item: "jenv-prt", keys: rotated)
        #expect(new != old)
        #expect(Self.verify(old, keys: rotated) == .success("jenv-prt"))
        #expect(Self.verify(new, keys: rotated) == .success("jenv-prt"))
        #expect(Self.verify(old, keys: try LinkKeys(parsing: Self.keyB)) == .failure(.unknownKey))
    }

    @Test func anItemNoLongerInTheConfigIsUnknown() {
        let t = ReplyToken.signed(item: "removed-item", keys: Self.keys)
        #expect(Self.verify(t) == .failure(.unknownItem))
        #expect(ReplyToken.verify(t, keys: Self.keys, items: Self.items + ["removed-item"]) == .success("removed-item"))
    }

    @Test func shortForAnyItemIdAndInsideALocalPart() throws {
        let long = String(repeating: "x", count: 1_000)
        let t = ReplyToken.signed(item: long, keys: Self.keys)
        #expect(t.count == ReplyToken.length)
        #expect(t.count <= 50)
        let address = try #require(ReplyAddress(pattern: "lrt+{token}@example.org")).address(token: t)
        #expect(EmailAddress.isValid(address))
        #expect(address.split(separator: "@")[0].count <= 64)
    }

    @Test func theTokenComesBackOutOfARecipientAddress() throws {
        let pattern = try #require(ReplyAddress(pattern: "LRT+{token}@Example.org"))
        #expect(pattern.token(in: "lrt+abc123@example.org") == "abc123")
        #expect(pattern.token(in: "LRT+ABC123@EXAMPLE.ORG") == "abc123")
        #expect(pattern.token(in: "lrt+@example.org") == nil)
        #expect(pattern.token(in: "lrt+abc-123@example.org") == nil)
        #expect(pattern.token(in: "lrt+abc@example.org.evil") == nil)
        #expect(pattern.token(in: "xlrt+abc@example.org") == nil)
        #expect(pattern.token(inAny: ["secretariaat@lrt.example", "lrt+t0k3n@example.org"]) == "t0k3n")
        let suffixed = try #require(ReplyAddress(pattern: "reply-{token}-lrt@example.org"))
        #expect(suffixed.token(in: "reply-abc-lrt@example.org") == "abc")
        #expect(ReplyAddress(pattern: "lrt@example.org") == nil)
        #expect(ReplyAddress(pattern: "{token}+{token}@example.org") == nil)
        #expect(ReplyAddress(pattern: "lrt@{token}.example.org") == nil)
    }
}
