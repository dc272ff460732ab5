import Foundation
import RemindCore

/// An SMTP channel's config, checked for what the delivery layer insists on whatever the
/// loader already checked: a `smtp`/`smtps` URL without credentials or line breaks, a
/// sender address that cannot inject commands, and plain text only to a loopback host.
struct SMTPSettings {
    var channel: String
    var url: String
    var security: SMTPSecurity
    var from: Mailbox
    var username: String?
    var caFile: String?
    var connectTimeout: Double
    var timeout: Double

    init(_ c: SMTPChannelConfig) throws(DeliveryConfigError) {
        channel = c.name
        guard !c.url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              let comps = URLComponents(string: c.url), let scheme = comps.scheme?.lowercased(),
              let host = comps.host, !host.isEmpty else {
            throw DeliveryConfigError(channel: c.name, "url must be smtp://host[:port] or smtps://host[:port]")
        }
        guard comps.user == nil && comps.password == nil else {
            throw DeliveryConfigError(channel: c.name, "url must not carry credentials; use username and password_file")
        }
        switch (scheme, c.tls) {
        case ("smtps", _):
            security = .implicitTLS
        case ("smtp", .required):
            security = .startTLSRequired
        case ("smtp", .none):
            guard Self.isLoopback(host) else {
                throw DeliveryConfigError(channel: c.name, "tls: none is only accepted for a loopback host, not \(host)")
            }
            security = .none
        default:
            throw DeliveryConfigError(channel: c.name, "url scheme must be smtp or smtps, not \(scheme)")
        }
        if let reason = Address.problem(c.fromAddress) {
            throw DeliveryConfigError(channel: c.name, "from address \(reason)")
        }
        if let u = c.username, u.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw DeliveryConfigError(channel: c.name, "username contains control characters")
        }
        url = c.url
        from = Mailbox(name: c.fromName, address: c.fromAddress)
        username = c.username
        caFile = c.caFile
        connectTimeout = c.connectTimeout
        timeout = c.timeout
    }

    /// 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
