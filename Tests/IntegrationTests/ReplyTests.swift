import Foundation
import Testing

/// Replies by mail end to end: the built daemon sends reminders to a real SMTP server
/// (aiosmtpd) with a Reply-To carrying the item's token, owners' replies are put into a real
/// IMAP server (Dovecot) by APPEND, and the daemon reads them, changes the items' state,
/// answers once, and leaves strangers, forged tokens and automatic mail alone; a restart
/// reads nothing twice, also a message whose `\Seen` flag was lost, and polling resumes
/// after the server was away.
@Suite(.enabled(if: PythonServer.available && DovecotServer.available,
                "needs python3 with aiosmtpd and Dovecot (dovecot-imapd); scripts/setup --test installs both; set CI to make this a failure"))
struct ReplyTests {
    static func mail(from: String, to: String, subject: String, body: String, inReplyTo: String? = nil,
                     extra: [String] = []) -> [UInt8] {
        var h = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Mon, 2 Oct 2023 10:00:00 +0200",
                 "Message-ID: <\(UUID().uuidString)@client.example>", "MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=utf-8"]
        if let inReplyTo { h += ["In-Reply-To: \(inReplyTo)", "References: \(inReplyTo)"] }
        h += extra
        return Array((h.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")).utf8)
    }

    @Test func anOwnersReplyChangesTheItemOnceAndIsAnsweredOnce() async throws {
        let ws = try Workspace("replies")
        let smtp = try await SMTPServer(ws)
        let imap = try await DovecotServer(ws)
        let keyFile = ws.path("link-key")
        try ("k1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString() + "\n").write(toFile: keyFile, atomically: true, encoding: .utf8)
        let at = Workspace.instant(secondsAhead: 3)
        let today = ws.localDay(Date())
        var config = ConfigText(ws)
        config.channels = ["mail: { type: smtp, url: \"smtp://127.0.0.1:\(smtp.port)\", from: \"LRT <lrt@example.org>\", tls: none }"]
        config.defaultChannels = ["mail"]
        config.settings = [
            "links: { key_file: \"\(keyFile)\", snooze: [2d, 1w] }",
            "inbox: { url: \"imap://127.0.0.1:\(imap.port)/INBOX\", username: \(DovecotServer.user), password_file: \"\(imap.passwordFile)\", tls: none, poll: 1s, reply_to: \"lrt+{token}@example.org\" }",
        ]
        config.items = [
            ConfigText.item("quota", title: "Hoogte taakstelling bekijken", agreed: today,
                            due: ws.iso(Workspace.instant(secondsAhead: 7 * 86_400)), remindAt: [ws.iso(at)]),
            ConfigText.item("aedes", title: "Aedes vragen locaties aan te leveren", owner: "bob", with: [], agreed: today,
                            due: ws.iso(Workspace.instant(secondsAhead: 7 * 86_400)), remindAt: [ws.iso(at)]),
        ]
        try ws.writeConfig(config.yaml)
        var daemon = try await DaemonProcess(ws)

        let reminders = try await Poll.until("two reminders", context: { daemon.diagnostics }) {
            smtp.messages.count >= 2 ? smtp.messages : nil
        }
        let quota = try #require(reminders.first { $0.subject.contains("Hoogte taakstelling") })
        let aedes = try #require(reminders.first { $0.subject.contains("Aedes") })
        let replyTo = try #require(quota.header("Reply-To"), "a reminder mail carries a Reply-To")
        #expect(replyTo.hasPrefix("lrt+") && replyTo.hasSuffix("@example.org"), "\(replyTo)")
        #expect(quota.header("X-Auto-Response-Suppress") == "All")
        let quotaID = try #require(quota.header("Message-ID"))
        let aedesID = try #require(aedes.header("Message-ID"))
        let aedesReplyTo = try #require(aedes.header("Reply-To"))
        #expect(aedesReplyTo != replyTo, "one token per item")

        // Alice answers in Outlook's Dutch shape: "Klaar!" above the quoted reminder; her
        // address in another case, the token upper-cased by some relay.
        let upper = replyTo.replacingOccurrences(of: "lrt+", with: "LRT+").uppercased()
        let done = Self.mail(from: "Alice de Vries <ALICE@Example.org>", to: upper, subject: "RE: \(quota.subject)",
                             body: "Klaar!\n\nMet vriendelijke groet,\nAlice\n\nVan: LRT <lrt@example.org>\nVerzonden: maandag 2 oktober 2023 09:00\nAan: Alice de Vries <alice@example.org>\nOnderwerp: \(quota.subject)\n\nuitstel 1 week\n",
                             inReplyTo: quotaID)
        // Noise that must change nothing and get no answer: a stranger with alice's token, an
        // out-of-office of bob's, and bob with a forged token on a reply to his own reminder.
        let stranger = Self.mail(from: "mallory@evil.example", to: replyTo, subject: "Re: x", body: "klaar", inReplyTo: quotaID)
        let away = Self.mail(from: "bob@example.org", to: aedesReplyTo, subject: "Automatisch antwoord: afwezig",
                             body: "klaar? Ik ben afwezig tot maandag.", inReplyTo: aedesID, extra: ["Auto-Submitted: auto-replied"])
        let forged = Self.mail(from: "bob@example.org", to: "lrt+" + String(repeating: "a", count: 31) + "@example.org",
                               subject: "Re: x", body: "klaar", inReplyTo: aedesID)
        let uids = try imap.append([done, stranger, away, forged])

        try await Poll.until("quota marked done by mail", context: { daemon.diagnostics }) {
            let s = try await Remindd.run(["status", "--json", "--config", ws.configPath], in: ws)
            return s.stdout.contains("\"state\":\"done\"") || s.stdout.contains("\"state\": \"done\"") ? true : nil
        }
        let answer = try await Poll.until("the confirmation", context: { daemon.diagnostics }) {
            smtp.messages.first { $0.recipients == ["alice@example.org"] && $0.header("Auto-Submitted") == "auto-replied" }
        }
        #expect(answer.subject.hasPrefix("RE: ") || answer.subject.hasPrefix("Re: "), "\(answer.subject)")
        #expect(answer.body.contains("Marked as done: Hoogte taakstelling bekijken"), "\(answer.body)")
        #expect(answer.header("In-Reply-To")?.contains("@client.example") == true)
        try await Poll.until("every message read", context: { daemon.diagnostics }) {
            daemon.log.components(separatedBy: "reply not acted on").count - 1 >= 3 ? true : nil
        }
        try await Task.sleep(for: .milliseconds(1500))
        let answers = smtp.messages.filter { $0.header("Auto-Submitted") == "auto-replied" }
        #expect(answers.count == 1, "one answer, to alice only: \(answers.map(\.recipients))")
        let actions = try await Remindd.actions(ws)
        #expect(actions.count == 1, "\(actions)")
        #expect(actions.first?["item"] as? String == "quota" && actions.first?["source"] as? String == "mail"
            && actions.first?["action"] as? String == "done")
        for uid in uids { #expect(try imap.flags(uid: uid).contains("\\Seen"), "uid \(uid) flagged seen") }

        // Bob snoozes by a plain reply (no token: found by In-Reply-To), then writes nonsense.
        let snooze = Self.mail(from: "bob@example.org", to: "lrt@example.org", subject: "Re: \(aedes.subject)",
                               body: "Uitstel 2 weken, ik wacht op Aedes.\n\nOp ma 2 okt 2023 om 09:00 schreef LRT <lrt@example.org>:\n> klaar\n",
                               inReplyTo: aedesID)
        let nonsense = Self.mail(from: "bob@example.org", to: aedesReplyTo, subject: "Re: \(aedes.subject)",
                                 body: "Bedankt voor de herinnering!", inReplyTo: aedesID)
        _ = try imap.append([snooze, nonsense])
        let bobAnswers = try await Poll.until("bob's two answers", context: { daemon.diagnostics }) {
            let a = smtp.messages.filter { $0.recipients == ["bob@example.org"] && $0.header("Auto-Submitted") == "auto-replied" }
            return a.count >= 2 ? a : nil
        }
        #expect(bobAnswers.contains { $0.body.contains("Snoozed until") }, "\(bobAnswers.map(\.body))")
        #expect(bobAnswers.contains { $0.body.contains("could not be read as a command") }, "\(bobAnswers.map(\.body))")
        let snoozeAction = try #require(try await Remindd.actions(ws).first { $0["item"] as? String == "aedes" })
        #expect(snoozeAction["action"] as? String == "snooze" && snoozeAction["source"] as? String == "mail")
        let until = try #require(Workspace.parseUTC(snoozeAction["until"] as? String ?? ""))
        #expect(abs(until.timeIntervalSinceNow - 14 * 86_400) < 120, "snoozed two weeks from now: \(until)")

        // kill -9, the first reply's \Seen lost: a restart reads nothing twice.
        try await daemon.crash()
        try imap.markUnseen(uid: uids[0])
        let sent = smtp.messages.count
        daemon = try await DaemonProcess(ws)
        try await Task.sleep(for: .milliseconds(3000))
        #expect(smtp.messages.count == sent, "no second answer after the restart")
        #expect(try await Remindd.actions(ws).count == 2)

        // The server goes away and comes back: polling resumes and reads what came meanwhile.
        try await imap.stop()
        try await daemon.waitForLog("cannot read the inbox; will retry")
        try await imap.start()
        let reopen = Self.mail(from: "alice@example.org", to: replyTo, subject: "Re: \(quota.subject)", body: "heropen",
                               inReplyTo: quotaID)
        _ = try imap.append([reopen])
        try await daemon.waitForLog("inbox reachable again", timeout: 30)
        _ = try await Poll.until("the reopen answered", timeout: 30, context: { daemon.diagnostics }) {
            smtp.messages.first { $0.recipients == ["alice@example.org"] && $0.body.contains("Reopened: ") }
        }
        #expect(try await Remindd.actions(ws).last?["action"] as? String == "reopen")
        #expect(try await daemon.terminate() == 0)
    }
}
