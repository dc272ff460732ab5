import Foundation
import Logging
import RemindCore
import Testing
@testable import RemindDelivery

@Suite struct ChannelSetupTests {
    func smtp(url: String = "smtp://127.0.0.1:2525", tls: TLSMode = .required, username: String? = nil,
              file: String? = nil, env: String? = nil, from: String = "lrt@example.org") -> SMTPChannel {
        SMTPChannel(name: "mail", url: url, host: "", fromAddress: from, fromName: nil, username: username,
                          passwordFile: file, passwordEnv: env, tls: tls, caFile: nil)
    }

    @Test func plainSMTPOnlyToLoopback() throws {
        #expect(try SMTPSettings(smtp(tls: .none)).security == .none)
        #expect(try SMTPSettings(smtp(url: "smtp://localhost:25", tls: .none)).security == .none)
        #expect(try SMTPSettings(smtp(url: "smtp://[::1]:25", tls: .none)).security == .none)
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(url: "smtp://mail.example.org", tls: .none)) }
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(url: "smtp://127.0.0.1.example.org", tls: .none)) }
        #expect(try SMTPSettings(smtp(url: "smtp://mail.example.org:587")).security == .startTLSRequired)
        #expect(try SMTPSettings(smtp(url: "smtps://mail.example.org")).security == .implicitTLS)
    }

    @Test func badURLsAndSendersAreRefused() {
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(url: "http://mail.example.org")) }
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(url: "smtp://user:pw@mail.example.org")) }
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(url: "smtp://mail.example.org\r\nQUIT")) }
        #expect(throws: DeliveryConfigError.self) { try SMTPSettings(smtp(from: "lrt@example.org\r\nRCPT TO:<x@y>")) }
        let hook = { (url: String) in WebhookChannel(name: "chat", url: url, format: .json, secretFile: nil) }
        #expect(throws: DeliveryConfigError.self) { try WebhookSettings(hook("file:///etc/passwd")) }
        #expect(throws: DeliveryConfigError.self) { try WebhookSettings(hook("gopher://example.org/")) }
        #expect(throws: DeliveryConfigError.self) { try WebhookSettings(hook("https://example.org/a b")) }
        #expect((try? WebhookSettings(hook("https://chat.example.org/hooks/xyz"))) != nil)
    }

    @Test func passwordSourcesInOrder() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("pw").path
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        try "from-credentials\n".write(toFile: dir.appendingPathComponent("mail-password").path, atomically: true, encoding: .utf8)
        let creds = ["CREDENTIALS_DIRECTORY": dir.path, "SMTP_PW": "from-env"]
        #expect(try Secrets.smtpPassword(smtp(username: "lrt", file: file), environment: creds) == "from-file")
        #expect(try Secrets.smtpPassword(smtp(username: "lrt", env: "SMTP_PW"), environment: creds) == "from-env")
        #expect(try Secrets.smtpPassword(smtp(username: "lrt"), environment: creds) == "from-credentials")
        #expect(try Secrets.smtpPassword(smtp(), environment: creds) == nil)
        // A source that is named but missing is an error, never a silent fall-through.
        #expect(throws: DeliveryConfigError.self) {
            try Secrets.smtpPassword(smtp(username: "lrt", file: dir.appendingPathComponent("absent").path), environment: creds)
        }
        #expect(throws: DeliveryConfigError.self) { try Secrets.smtpPassword(smtp(username: "lrt", env: "UNSET"), environment: creds) }
        #expect(throws: DeliveryConfigError.self) { try Secrets.smtpPassword(smtp(username: "lrt"), environment: [:]) }
    }

    @Test func webhookSecretIsWhsecBase64() throws {
        let dir = try temporaryDirectory()
        let file = dir.appendingPathComponent("secret").path
        let hook = WebhookChannel(name: "chat", url: "https://x.example", format: .json, secretFile: file)
        try "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try Secrets.webhookKey(hook, environment: [:]) == Array(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!))
        try "whsec_not base64!".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: DeliveryConfigError.self) { try Secrets.webhookKey(hook, environment: [:]) }
        let unsigned = WebhookChannel(name: "chat", url: "https://x.example", format: .json, secretFile: nil)
        #expect(try Secrets.webhookKey(unsigned, environment: [:]) == nil)
    }

    @Test func makeRefusesUnknownChannelsAndReportsWithoutSecrets() throws {
        let config = Fixture.config(channels: ["mail": .smtp(smtp(username: "lrt", env: "SMTP_PW"))])
        #expect(throws: DeliveryConfigError.self) {
            try Notifiers.make(channel: "nope", config: config, environment: [:], logger: Logger(label: "t"))
        }
        let n = try Notifiers.make(channel: "mail", config: config, environment: ["SMTP_PW": "pw"], logger: Logger(label: "t"))
        #expect(n is SMTPNotifier)
    }

    @Test func signatureMatchesTheStandardWebhooksTestVector() {
        let signer = WebhookSigner(key: Array(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")!))
        #expect(signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330,
                                 body: Array(#"{"test": 2432232314}"#.utf8))
                == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func redactionRemovesSecretsUserinfoAndQueries() {
        let s = Redaction.redact("auth failed for hunter2 (aHVudGVyMg==) at https://bob:pw@hooks.example.org/x?token=abc and smtp://mail.example.org:587",
                                 secrets: ["hunter2"])
        #expect(!s.contains("hunter2") && !s.contains("aHVudGVyMg==") && !s.contains("bob") && !s.contains("token=abc"))
        #expect(s.contains("https://hooks.example.org/x?[redacted]"))
        #expect(s.contains("smtp://mail.example.org:587"))
    }
}
