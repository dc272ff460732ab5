import Foundation
import Testing
@testable import RemindCore

/// `inbox:` as the loader reads and refuses it.
@Suite struct InboxConfigTests {
    static func config(_ inbox: String, links: Bool = true, channels: String = "  mail: { type: smtp, url: \"smtp://127.0.0.1:2525\", from: \"LRT <lrt@example.org>\", tls: none }") -> String {
        """
        timezone: Europe/Amsterdam
        channels:
        \(channels)
        \(links ? "links: { key_file: /tmp/link-key }" : "")
        people:
          alice: { email: alice@example.org }
        inbox:
        \(inbox)
        items: []
        """
    }

    static func errors(_ text: String) -> [String] {
        do { _ = try ConfigLoader.load(text: text, path: "/tmp/inbox.yaml"); return [] } catch let e as ConfigErrors {
            return e.errors.map(\.description)
        } catch { return ["\(error)"] }
    }

    static let good = """
          url: imaps://imap.example.org/INBOX
          username: lrt
          password_file: /run/credentials/remindd.service/imap-password
          poll: 30s
          reply_to: "lrt+{token}@example.org"
        """

    @Test func readsTheSection() throws {
        let c = try ConfigLoader.load(text: Self.config(Self.good), path: "/tmp/inbox.yaml")
        let i = try #require(c.inbox)
        #expect(i.url == "imaps://imap.example.org/INBOX" && i.username == "lrt" && i.pollSeconds == 30)
        #expect(i.replyAddress(token: "abc") == "lrt+abc@example.org")
        #expect(i.passwordFile == "/run/credentials/remindd.service/imap-password")
    }

    @Test(arguments: [
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p", "inbox needs reply_to"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  reply_to: lrt@example.org", "inbox.reply_to must hold {token} exactly once"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  reply_to: \"{token}+{token}@example.org\"", "inbox.reply_to must hold {token} exactly once"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  reply_to: \"lrt@{token}.example.org\"", "inbox.reply_to must be an e-mail address with {token} in its local part"),
        ("  url: imaps://h/INBOX\n  username: u\n  reply_to: \"lrt+{token}@example.org\"", "inbox needs password_file"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  password_env: P\n  reply_to: \"lrt+{token}@example.org\"", "give password_file or password_env, not both"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  tls: off\n  reply_to: \"lrt+{token}@example.org\"", "inbox.tls must be required or none"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  poll: 0s\n  reply_to: \"lrt+{token}@example.org\"", "inbox.poll must be between 1s and 1d"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  reply_to: \"lrt+{token}@example.org\"\n  folder: x", "unknown key 'folder' in inbox"),
        ("  url: imaps://h/INBOX\n  username: u\n  password_file: /p\n  reply_to: \"lrt+{token}@example.org\"\n  answer_channel: nope", "unknown channel 'nope' in inbox.answer_channel"),
    ])
    func refused(_ inbox: String, _ expected: String) {
        let errors = Self.errors(Self.config(inbox))
        #expect(errors.contains { $0.hasPrefix("/tmp/inbox.yaml:") && $0.contains(expected) }, "\(errors)")
    }

    @Test func needsTheLinkKeysAndAnSMTPChannel() {
        #expect(Self.errors(Self.config(Self.good, links: false)).contains { $0.contains("inbox needs links.key_file") })
        let maildirOnly = Self.errors(Self.config(Self.good, channels: "  local: { type: maildir, path: ./m }"))
        #expect(maildirOnly.contains { $0.contains("inbox needs an smtp channel to answer replies on") }, "\(maildirOnly)")
    }
}
