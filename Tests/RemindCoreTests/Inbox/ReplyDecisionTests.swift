import Foundation
import Testing
@testable import RemindCore

/// Which replies act on which item (DESIGN "Replies by mail"): the token, else the thread;
/// only the item's people; never automatic mail; a token that does not verify or that names
/// another item than the thread: nothing.
@Suite struct ReplyDecisionTests {
    static let text = """
        timezone: Europe/Amsterdam
        channels:
          local: { type: maildir, path: ./m }
        people:
          alice: { email: [alice@example.org, a.devries@example.org] }
          bob: { email: bob@example.org }
          chair: { email: chair@example.org }
        items:
          - { id: quota, title: Quota, owner: alice, with: [bob], agreed: 2023-09-25, due: 2023-10-02, policy: { escalate: { after: 1, to: [chair] } } }
          - { id: aedes, title: Aedes, owner: bob, agreed: 2023-09-25, due: 2023-10-02 }
        """
    let config: Config
    let keys = try! LinkKeys(parsing: "k1:" + Data(repeating: 1, count: 32).base64EncodedString())
    let other = try! LinkKeys(parsing: "k9:" + Data(repeating: 2, count: 32).base64EncodedString())
    let address = ReplyAddress(pattern: "lrt+{token}@example.org")!
    let index: ReplyToken.ItemIndex
    init() throws {
        config = try ConfigLoader.load(text: Self.text, path: "/tmp/decide.yaml")
        index = ReplyToken.ItemIndex(config.items.map(\.id))
    }

    func reply(from: String, to: String, body: String, inReplyTo: String? = nil, extra: String = "") -> Reply {
        var m = "From: \(from)\r\nTo: \(to)\r\nSubject: Re: x\r\nMessage-ID: <r1@client>\r\n"
        if let inReplyTo { m += "In-Reply-To: \(inReplyTo)\r\n" }
        m += extra + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
        return ReplyReader.read(Array(m.utf8))
    }

    func decide(_ r: Reply, threads: [String: String] = [:], keys: LinkKeys? = nil) -> ReplyDecision {
        ReplyDecision.decide(r, config: config, keys: keys ?? self.keys, index: index, replyAddress: address,
                             itemOfMessage: { threads[$0] })
    }

    var quotaAddress: String { address.address(token: ReplyToken.signed(item: "quota", keys: keys)) }

    @Test func theTokenNamesTheItem() {
        let d = decide(reply(from: "Alice <A.deVries@Example.org>", to: quotaAddress.uppercased(), body: "Klaar, dank!"))
        #expect(d == .act(item: "quota", person: "alice", address: "a.devries@example.org", command: .done))
    }

    @Test func withoutATokenTheThreadNamesIt() {
        let d = decide(reply(from: "bob@example.org", to: "lrt@example.org", body: "uitstel 3 dagen", inReplyTo: "<remindd.x@example.org>"),
                       threads: ["<remindd.x@example.org>": "aedes"])
        #expect(d == .act(item: "aedes", person: "bob", address: "bob@example.org", command: .snooze(.days(3))))
    }

    @Test func onlyTheItemsPeople() {
        // chair is an escalation target of quota, not one of its people; mallory a stranger.
        for from in ["chair@example.org", "mallory@evil.example", "\"alice@example.org\" <mallory@evil.example>"] {
            guard case .ignore = decide(reply(from: from, to: quotaAddress, body: "klaar")) else {
                Issue.record("\(from) acted"); continue
            }
        }
    }

    @Test func forgedMismatchedAndAutomaticDoNothing() {
        var tampered = Array(ReplyToken.signed(item: "quota", keys: keys))
        tampered[10] = tampered[10] == "a" ? "b" : "a"
        let cases: [ReplyDecision] = [
            decide(reply(from: "alice@example.org", to: address.address(token: String(tampered)), body: "klaar")),
            decide(reply(from: "alice@example.org", to: quotaAddress, body: "klaar"), keys: other),
            // The token says quota, the thread says aedes.
            decide(reply(from: "bob@example.org", to: quotaAddress, body: "klaar", inReplyTo: "<remindd.a@x>"),
                   threads: ["<remindd.a@x>": "aedes"]),
            decide(reply(from: "alice@example.org", to: quotaAddress, body: "klaar", extra: "Auto-Submitted: auto-replied\r\n")),
            decide(reply(from: "alice@example.org", to: "lrt@example.org", body: "klaar")),
        ]
        for (i, d) in cases.enumerated() {
            guard case .ignore = d else { Issue.record("case \(i): \(d)"); continue }
        }
    }

    @Test func noCommandGetsHelp() {
        let d = decide(reply(from: "bob@example.org", to: quotaAddress, body: "Bedankt voor de herinnering"))
        guard case .help(let item, let person, _, _) = d else { Issue.record("\(d)"); return }
        #expect(item == "quota" && person == "bob")
    }

    @Test func answersSayWhatHappenedInTheConfigsLanguage() throws {
        let r = reply(from: "alice@example.org", to: quotaAddress, body: "klaar")
        let item = try #require(config.item("quota"))
        let a = ReplyAnswer.make(.done, item: item, reply: r, to: "alice@example.org", config: config)
        #expect(a.subject == "Re: x" && a.text.hasPrefix("Marked as done: Quota.") && a.inReplyTo == "<r1@client>")
        var nl = config
        nl.language = .nl
        let b = ReplyAnswer.make(.snoozed(until: Date(timeIntervalSince1970: 1_696_838_437)), item: item, reply: r,
                                 to: "alice@example.org", config: nl)
        #expect(b.text.hasPrefix("Uitgesteld tot ma 2023-10-09 10:00: Quota."), "\(b.text)")
        #expect(try ReplyAnswer.decode(b.encoded()) == b)
    }
}
