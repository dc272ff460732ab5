import Foundation

extension ConfigDraft {
    static let inboxKeys = ["url", "username", "password_file", "password_env", "tls", "ca_file", "poll", "reply_to",
                            "answer_channel"]

    func readInbox(_ n: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(n, "inbox", allowed: Self.inboxKeys) else { return }
        for key in Self.inboxKeys { if let f = m[key] { keyLocations["inbox.\(key)"] = r.location(f.value) } }
        func required(_ key: String, _ hint: String) -> String? {
            guard let v = m[key]?.value else {
                r.error("inbox needs \(key): \(hint)", at: n)
                return nil
            }
            return r.line(v, "inbox.\(key)")
        }
        let url = required("url", "imaps://host/INBOX, or imap://host/INBOX with STARTTLS")
        let username = required("username", "the mailbox's login")
        let replyTo = required("reply_to", "the Reply-To address of reminder mails, with {token}, e.g. \"lrt+{token}@example.org\"")
        guard let url, let username, let replyTo else { return }
        var s = InboxSection(url: url, username: username, replyTo: replyTo)
        if let v = m["reply_to"]?.value {
            let parts = replyTo.components(separatedBy: "{token}")
            if parts.count != 2 {
                r.error("inbox.reply_to must hold {token} exactly once (e.g. \"lrt+{token}@example.org\"), found '\(replyTo)'", at: v)
            } else if !EmailAddress.isValid(parts[0] + String(repeating: "a", count: ReplyToken.length) + parts[1])
                        || !parts[1].contains("@") || parts[0].contains("@") {
                r.error("inbox.reply_to must be an e-mail address with {token} in its local part (e.g. \"lrt+{token}@example.org\"), found '\(replyTo)'", at: v)
            }
        }
        if let v = m["password_file"]?.value, let p = r.line(v, "inbox.password_file") { s.passwordFile = resolve(p, relativeTo: r.file) }
        if let v = m["password_env"]?.value { s.passwordEnv = r.line(v, "inbox.password_env") }
        if s.passwordFile != nil && s.passwordEnv != nil {
            r.error("inbox: give password_file or password_env, not both", at: m["password_env"]?.value)
        } else if s.passwordFile == nil && s.passwordEnv == nil {
            r.error("inbox needs password_file (or password_env): the mailbox's password", at: n)
        }
        if let v = m["tls"]?.value, let t = r.line(v, "inbox.tls") {
            if t == "required" || t == "none" { s.tls = t } else {
                r.error("inbox.tls must be required or none (none only for a loopback host), found '\(t)'", at: v)
            }
        }
        if let v = m["ca_file"]?.value, let p = r.line(v, "inbox.ca_file") { s.caFile = resolve(p, relativeTo: r.file) }
        if let v = m["poll"]?.value, let d = r.duration(v, "inbox.poll") {
            let secs = d.approximateSeconds
            if d.unit.isExact || d.unit == .days, secs >= 1, secs <= 86_400 { s.pollSeconds = secs } else {
                r.error("inbox.poll must be between 1s and 1d (e.g. 60s, 5m)", at: v)
            }
        }
        if let v = m["answer_channel"]?.value, let c = r.line(v, "inbox.answer_channel") {
            s.answerChannel = c
            refer(.channel, c, v, r, "inbox.answer_channel")
        }
        inbox = s
        inboxAt = r.location(n)
    }

    /// After every file is read: replies need the link keys (their tokens are signed with
    /// them) and a mail channel to answer on.
    func validateInbox() {
        guard let inbox else { return }
        if links == nil {
            fail("inbox needs links.key_file: the Reply-To tokens are signed with the link keys", at: inboxAt)
        }
        if let c = inbox.answerChannel {
            if let type = channels[c]?.type, type != "smtp" {
                fail("inbox.answer_channel must be an smtp channel; '\(c)' is \(type)", at: keyLocations["inbox.answer_channel"])
            }
        } else if !channels.values.contains(where: { $0.type == "smtp" }) && !channels.isEmpty {
            fail("inbox needs an smtp channel to answer replies on (or answer_channel:)", at: inboxAt)
        }
    }
}
