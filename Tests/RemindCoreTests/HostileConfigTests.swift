import Foundation
import Testing
@testable import RemindCore
import RemindDelivery

/// Configs that once crashed, stalled or exhausted the loader or the planner, each in its
/// smallest form: now every one is an error with its position, or a config the daemon can
/// use as it stands.
@Suite struct HostileConfigTests {
    static let frame = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./mail }

        """

    /// The `LINE:COL: error: message` lines of a load, or [] when it loads.
    static func errors(_ text: String, path: String = "/nonexistent/h.yaml") -> [String] {
        do {
            _ = try ConfigLoader.load(text: text, path: path)
            return []
        } catch let e as ConfigErrors {
            return e.errors.map { e in e.location.map { "\($0.line):\($0.column): \(e.message)" } ?? e.message }
        } catch {
            return ["\(error)"]
        }
    }

    /// An item with `remind_at` in local time and no owner is dropped, and its remind_at
    /// used to be applied by index to an item that was never added (SIGILL).
    @Test func remindAtOnAnItemThatIsNotKept() {
        let e = Self.errors(Self.frame + "items: [{id: g, remind_at: \"2023-10-20 15:30\"}]\n")
        #expect(e.contains("4:9: item 'g' needs an owner"), "\(e)")
        #expect(e.contains("4:9: item 'g' needs a title"), "\(e)")
    }

    /// The same with a kept item after it: the dropped item's remind_at must not land on
    /// the item that took its index.
    @Test func remindAtStaysWithItsItem() throws {
        let draft = ConfigDraft(mainPath: "/nonexistent/h.yaml", kinds: Channels.kinds, files: NoConfigFiles())
        draft.loadText(Self.frame + """
            people: { a: { email: a@example.org } }
            items:
              - { id: g, remind_at: "2023-10-20 15:30" }
              - { id: k, title: Kept, owner: a, agreed: 2023-09-25 }

            """, file: "/nonexistent/h.yaml", isMain: true)
        draft.validate()
        #expect(draft.items.map(\.id) == ["k"])
        #expect(draft.items.first?.remindAt == [])
    }

    @Test(arguments: [("defaults: {policy: {undated: {every: 1s}}}", "4:38", "undated.every: '1s' is too short"),
                      ("defaults: {policy: {undated: {every: 59m}}}", "4:38", "undated.every: '59m' is too short"),
                      ("defaults: {policy: {overdue: {every: 1m}}}", "4:38", "overdue.every: '1m' is too short"),
                      ("defaults: {policy: {overdue: {times: 1001}}}", "4:38", "overdue.times: 1001 is too many"),
                      ("defaults: {policy: {before: [999999999wd]}}", "4:30", "'999999999wd' is too long")])
    func repeatsAndSpansHaveLimits(_ line: String, _ position: String, _ mentions: String) {
        let e = Self.errors(Self.frame + line + "\n")
        #expect(e.count == 1 && e[0].hasPrefix(position + ": ") && e[0].contains(mentions), "\(e)")
    }

    @Test func anHourlyRepeatIsAccepted() {
        #expect(Self.errors(Self.frame + "defaults: {policy: {undated: {every: 1h}, overdue: {every: 1h, times: 1000}}}\n") == [])
    }

    /// `in 999999999 workdays` walked 1.4 billion days one by one at the first plan.
    @Test(arguments: ["in 999999999 workdays", "+999999999wd", "next meeting +999999999d", "after e +999999999wd"])
    func deadlineOffsetsHaveLimits(_ due: String) {
        #expect(throws: DeadlineParseError.self) { try DeadlineExpr.parse(due) }
        #expect((try? DeadlineExpr.parse("in 36525 days")) != nil)
        #expect((try? DeadlineExpr.parse("in 36526 days")) == nil)
    }

    /// `state: ''` and `state: .` passed check, then every command failed to open the store.
    @Test(arguments: ["''", ".", "..", "db/", "/tmp/."])
    func stateMustNameAFile(_ value: String) {
        let e = Self.errors(Self.frame + "state: \(value)\n")
        #expect(e.count == 1 && e[0].hasPrefix("4:8: state must name the state database file"), "\(e)")
    }

    @Test func stateMustNotBeADirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let e = Self.errors(Self.frame + "state: \(dir.path)\n")
        #expect(e.count == 1 && e[0].hasPrefix("4:8: state '\(dir.path)' is a directory"), "\(e)")
        #expect(Self.errors(Self.frame + "state: \(dir.path)/state.sqlite\n") == [])
    }

    /// A 100,000-character zone took 9 s to find a "did you mean".
    @Test func aLongTimeZoneIsRefusedQuickly() {
        let start = ContinuousClock.now
        let e = Self.errors("timezone: " + String(repeating: "é", count: 100_000) + "\n")
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(e.count == 1 && e[0].hasPrefix("1:11: unknown time zone"))
        #expect(!e[0].contains("did you mean"))
        #expect(Self.errors("timezone: Europe/Amsterdm\n").first?.contains("did you mean 'Europe/Amsterdam'") == true)
    }

    @Test func suggestionsSkipLongWords() {
        #expect(Suggestion.closest("Europe/Amsterdm", in: ["Europe/Amsterdam"]) == "Europe/Amsterdam")
        #expect(Suggestion.closest(String(repeating: "x", count: 65), in: [String(repeating: "x", count: 64)]) == nil)
        #expect(Suggestion.closest(String(repeating: "é", count: 1_000_000), in: ["e"]) == nil)
    }
}

/// Ids, single lines and key names are checked on their bytes; what the checks accept and
/// refuse stays as it was with characters.
@Suite struct ConfigByteChecksTests {
    static func item(_ id: String, title: String = "T", key: String = "title") -> [String] {
        HostileConfigTests.errors(HostileConfigTests.frame + """
            people: { a: { email: a@example.org } }
            items:
              - { id: "\(id)", \(key): "\(title)", owner: a, agreed: 2023-09-25 }

            """)
    }

    @Test func itemIdsAreASCIILettersDigitsAndThreeMarks() {
        #expect(Self.item("a.B-c_9").isEmpty)
        for id in ["é", "a b", "e\\u0301", "ａ", "a/b", "a\\u007f"] {
            let e = Self.item(id)
            #expect(e.count == 1 && e[0].contains("may hold only letters, digits"), "\(id): \(e)")
        }
    }

    @Test func aLineBreakOrNULInATitleIsRefused() {
        #expect(Self.item("x", title: "één regel ✓").isEmpty)
        for title in ["a\\nb", "a\\r\\nb", "a\\rb", "a\\u0000b"] {
            let e = Self.item("x", title: title)
            #expect(e.count == 1 && e[0].contains("title must be a single line"), "\(title): \(e)")
        }
    }

    @Test func keyNamesMatchExactly() {
        let e = Self.item("x", key: "titlE")
        #expect(e.contains { $0.contains("unknown key 'titlE'") && $0.contains("did you mean 'title'") }, "\(e)")
        // The Kelvin sign is canonically a K, but no key of the config is spelled with one.
        #expect(Self.item("x", key: "\u{212A}ey").contains { $0.contains("unknown key") })
    }
}
