import Foundation
import RemindCore
@testable import RemindDelivery

/// Sections as the loader would make them of a channel's settings, for configs built by
/// hand: `.smtp(server.channel())` in a `Config.channels`.
extension ChannelSection {
    static func smtp(_ c: SMTPChannel) -> ChannelSection {
        var f = ["url": c.url, "from": c.fromName.map { "\($0) <\(c.fromAddress)>" } ?? c.fromAddress,
                 "tls": c.tls.rawValue, "timeout": seconds(c.timeout), "connect_timeout": seconds(c.connectTimeout)]
        f["username"] = c.username
        f["password_file"] = c.passwordFile
        f["password_env"] = c.passwordEnv
        f["ca_file"] = c.caFile
        return make(c.name, "smtp", f)
    }

    static func webhook(_ c: WebhookChannel) -> ChannelSection {
        var f = ["url": c.url, "format": c.format.rawValue, "timeout": seconds(c.timeout),
                 "connect_timeout": seconds(c.connectTimeout)]
        f["secret_file"] = c.secretFile
        f["secret_env"] = c.secretEnv
        f["ca_file"] = c.caFile
        return make(c.name, "webhook", f)
    }

    static func maildir(_ c: MaildirChannel) -> ChannelSection {
        make(c.name, "maildir", ["path": c.path, "from": c.fromName.map { "\($0) <\(c.fromAddress)>" } ?? c.fromAddress])
    }

    private static func seconds(_ s: Double) -> String { "\(Int(s))s" }

    private static func make(_ name: String, _ type: String, _ fields: [String: String]) -> ChannelSection {
        let file = "/etc/remindd/remindd.yaml"
        var out: [String: Field] = [:]
        for (i, (k, v)) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            out[k] = Field(text: v, at: SourceLocation(file: file, line: 2 + i, column: 10))
        }
        return ChannelSection(name: name, type: type, nameAt: SourceLocation(file: file, line: 1, column: 3),
                              at: SourceLocation(file: file, line: 2, column: 5), fields: out, file: file)
    }
}
