import Foundation
import Testing
@testable import RemindCore

@Suite struct ActionTokenTests {
    static let keyA = "a1:" + Data(repeating: 0xA1, count: 32).base64EncodedString()
    static let keyB = "b2:" + Data(repeating: 0xB2, count: 32).base64EncodedString()
    static let keys = try! LinkKeys(parsing: keyA + "\n")
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let later = now.addingTimeInterval(14 * 86_400)

    static func verify(_ token: String, keys: LinkKeys = keys, at: Date = now) -> Result<ActionToken, ActionToken.Failure> {
        ActionToken.verify(Substring(token), keys: keys, now: at)
    }

    @Test func signedTokensComeBackAsTheyWere() throws {
        let cases = [
            ActionToken(item: "taakstelling", action: .done, expires: Self.later),
            ActionToken(item: "lrt-na-uitspraak", action: .snooze, parameter: "1w", expires: Self.later),
            ActionToken(item: "öffentliche-ruimte", action: .reopen, expires: Self.later),
            ActionToken(item: "SJenV", action: .calendar, expires: nil),
        ]
        for t in cases {
            let text = t.signed(with: Self.keys)
            #expect(text.utf8.allSatisfy { Base64URL.isAlphabet($0) }, "URL-safe: \(text)")
            #expect(try Self.verify(text).get() == t)
        }
    }

    @Test func everyChangedByteIsRefusedAndNothingIsBelieved() throws {
        let text = ActionToken(item: "taakstelling", action: .done, expires: Self.later).signed(with: Self.keys)
        let bytes = try #require(Base64URL.decode(Substring(text)))
        for i in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var changed = bytes
                changed[i] ^= flip
                guard case .failure(let f) = Self.verify(Base64URL.encode(changed)) else {
                    Issue.record("byte \(i) ^ \(flip) was accepted")
                    continue
                }
                #expect(f != .expired, "byte \(i): a changed token must never be reported as merely expired")
            }
        }
        for cut in [0, 1, 10, bytes.count - 1] {
            #expect(Self.verify(Base64URL.encode(Array(bytes.prefix(cut)))) == .failure(.malformed) || cut > 1)
            #expect((try? Self.verify(Base64URL.encode(Array(bytes.prefix(cut)))).get()) == nil)
        }
        #expect(Self.verify(text + "A") != Self.verify(text))
        #expect(Self.verify("not a token!") == .failure(.malformed))
        #expect(Self.verify(String(repeating: "A", count: 100_000)) == .failure(.malformed))
        #expect(Self.verify("") == .failure(.malformed))
    }

    @Test func aForeignKeyOrAnotherKeyUnderTheSameIdIsRefused() throws {
        let other = try LinkKeys(parsing: Self.keyB)
        let forged = ActionToken(item: "taakstelling", action: .done, expires: Self.later).signed(with: other)
        #expect(Self.verify(forged) == .failure(.unknownKey))
        let sameID = try LinkKeys(parsing: "a1:" + Data(repeating: 0x42, count: 32).base64EncodedString())
        let impostor = ActionToken(item: "taakstelling", action: .done, expires: Self.later).signed(with: sameID)
        #expect(Self.verify(impostor) == .failure(.badSignature))
    }

    @Test func rotationKeepsOldLinksUntilTheirKeyIsRemoved() throws {
        let old = ActionToken(item: "x", action: .done, expires: Self.later).signed(with: Self.keys)
        let rotated = try LinkKeys(parsing: Self.keyB + "\n" + Self.keyA + "\n")
        #expect((try? Self.verify(old, keys: rotated).get()) != nil)
        let new = ActionToken(item: "x", action: .done, expires: Self.later).signed(with: rotated)
        #expect(new != old)
        #expect((try? Self.verify(new, keys: rotated).get()) != nil)
        let retired = try LinkKeys(parsing: Self.keyB)
        #expect(Self.verify(old, keys: retired) == .failure(.unknownKey))
    }

    @Test func aLinkExpiresAtItsTimeAndAFeedDoesNot() {
        let link = ActionToken(item: "x", action: .snooze, parameter: "2d", expires: Self.later).signed(with: Self.keys)
        #expect((try? Self.verify(link, at: Self.later.addingTimeInterval(-1)).get()) != nil)
        #expect(Self.verify(link, at: Self.later) == .failure(.expired))
        #expect(Self.verify(link, at: Self.later.addingTimeInterval(86_400 * 365)) == .failure(.expired))
        let feed = ActionToken(item: "SJenV", action: .calendar, expires: nil).signed(with: Self.keys)
        #expect((try? Self.verify(feed, at: Self.later.addingTimeInterval(86_400 * 3650)).get()) != nil)
        // An action other than the feed without an expiry is not one this code signs.
        let endless = ActionToken(item: "x", action: .done, expires: nil).signed(with: Self.keys)
        #expect(Self.verify(endless) == .failure(.malformed))
    }

    @Test func keyFilesAreCheckedLineByLine() {
        func problem(_ text: String) -> LinkKeys.Problem? {
            do { _ = try LinkKeys(parsing: text); return nil } catch { return error }
        }
        #expect(problem("# rotated 2026-12\n\n" + Self.keyA + "\n" + Self.keyB) == nil)
        #expect(problem("")?.message == "no key in the file")
        #expect(problem("# only a comment\n")?.message == "no key in the file")
        #expect(problem("a1 " + Data(count: 32).base64EncodedString()) == LinkKeys.Problem(line: 1, message: "expected KEYID:BASE64"))
        #expect(problem("\n" + "bad id!:" + Data(count: 32).base64EncodedString())?.line == 2)
        #expect(problem("k:" + Data(count: 8).base64EncodedString())?.message == "a key needs at least 16 bytes; this one has 8")
        #expect(problem("k:***")?.message == "the key is not base64")
        #expect(problem(Self.keyA + "\n" + Self.keyA)?.message == "key id 'a1' is used twice")
        // The message never holds the key.
        let secret = Data(repeating: 0x33, count: 8).base64EncodedString()
        #expect(!(problem("k:" + secret)?.description.contains(secret) ?? true))
    }
}
