import Foundation
import RemindCore

/// An SMTP channel's config, checked for what the delivery layer insists on whatever the
/// loader already checked: a `smtp`/`smtps` URL without credentials or line breaks, a
/// sender address that cannot inject commands, and plain text only to a loopback host.
struct SMTPSettings {
    var channel: String
    var url: String
    var security: MailSecurity
    var from: Mailbox
    var username: String?
    var caFile: String?
    var connectTimeout: Double
    var timeout: Double

    init(_ c: SMTPChannel, unseenCredentialsAllowed: Bool = false) throws(DeliveryConfigError) {
        channel = c.name
        guard !c.url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              let comps = URLComponents(string: c.url), let scheme = comps.scheme?.lowercased(),
              let host = comps.host, !host.isEmpty else {
            throw DeliveryConfigError(channel: c.name, key: "url", "url must be smtp://host[:port] or smtps://host[:port]")
        }
        guard comps.user == nil && comps.password == nil else {
            throw DeliveryConfigError(channel: c.name, key: "url", "url must not carry credentials; use username and password_file")
        }
        switch (scheme, c.tls) {
        case ("smtps", _):
            security = .implicitTLS
        case ("smtp", .required):
            security = .startTLSRequired
        case ("smtp", .none):
            guard Loopback.isLoopbackHost(host) else {
                throw DeliveryConfigError(channel: c.name, key: "tls", "tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '\(host)'")
            }
            security = .none
        default:
            throw DeliveryConfigError(channel: c.name, key: "url", "url scheme must be smtp or smtps, not \(scheme)")
        }
        if let reason = Address.problem(c.fromAddress) {
            throw DeliveryConfigError(channel: c.name, key: "from", "from address \(reason)")
        }
        if let u = c.username, u.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw DeliveryConfigError(channel: c.name, key: "username", "username contains control characters")
        }
        url = c.url
        from = Mailbox(name: c.fromName, address: c.fromAddress)
        username = c.username
        // Unseen: a trust file under the service's credentials directory, checked by `check`
        // only when that directory is there (the load warns); the service reads it at start.
        if let ca = c.caFile, !(unseenCredentialsAllowed && LocalFiles.isUnseenCredential(ca)) {
            try LocalFiles.checkCertificates(ca, channel: c.name)
        }
        caFile = c.caFile
        connectTimeout = c.connectTimeout
        timeout = c.timeout
    }
}
