import Foundation
import RemindCore

/// The mailbox the reply poller reads, checked for what the client insists on whatever a
/// config loader already checked: an `imap`/`imaps` URL without credentials, line breaks
/// or libcurl URL options (`;UID=`), STARTTLS unless the URL says `imaps`, plain text only to
/// a loopback host (`Loopback`, the one rule SMTP uses too), and a username that cannot
/// inject commands.
public struct IMAPSettings: Sendable, Hashable {
    /// The URL as configured.
    public var url: String
    public var host: String
    /// The mailbox name, decoded (`INBOX` when the URL names none).
    public var mailbox: String
    public var username: String
    public var tls: TLSMode
    /// An extra trust anchor; peer and host verification stay on regardless.
    public var caFile: String?
    /// Seconds; connect and per-operation limits.
    public var connectTimeout: Double
    public var timeout: Double

    /// `imap://host[:port]` or `imaps://host[:port]`, the root of every request.
    let server: String
    /// The mailbox as it goes into a URL (percent-encoded as configured).
    let mailboxPath: String
    let security: MailSecurity

    /// - Parameter unseenCredentialsAllowed: accept a `ca_file` under the service's
    ///   credentials directory that does not exist here (a load outside the service).
    public init(url: String, username: String, tls: TLSMode = .required, caFile: String? = nil,
                connectTimeout: Double = 10, timeout: Double = 60,
                unseenCredentialsAllowed: Bool = false) throws(InboxSettingsError) {
        let form = "url must be imaps://host[:port]/MAILBOX (TLS) or imap://host[:port]/MAILBOX (STARTTLS)"
        guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }),
              let comps = URLComponents(string: url), let scheme = comps.scheme?.lowercased(),
              scheme == "imap" || scheme == "imaps", let host = comps.host, !host.isEmpty else {
            throw InboxSettingsError(key: "url", "\(form), found '\(URLParts.redact(url))'")
        }
        guard comps.user == nil && comps.password == nil else {
            throw InboxSettingsError(key: "url", "url must not carry credentials; use username and password_file")
        }
        guard comps.percentEncodedQuery == nil && comps.fragment == nil && !comps.percentEncodedPath.contains(";") else {
            throw InboxSettingsError(key: "url", "url must name only the mailbox, without ';', '?' or '#' parts")
        }
        var path = Substring(comps.percentEncodedPath)
        while path.hasPrefix("/") { path = path.dropFirst() }
        while path.hasSuffix("/") { path = path.dropLast() }
        if path.isEmpty { path = "INBOX" }
        guard let decoded = String(path).removingPercentEncoding,
              !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw InboxSettingsError(key: "url", "the mailbox name in url must not hold control characters")
        }
        switch (scheme, tls) {
        case ("imaps", .required):
            security = .implicitTLS
        case ("imaps", .none):
            throw InboxSettingsError(key: "tls", "tls: none contradicts imaps://")
        case (_, .required):
            security = .startTLSRequired
        case (_, .none):
            guard Loopback.isLoopbackHost(host) else {
                throw InboxSettingsError(key: "tls", "tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '\(host)'")
            }
            security = .none
        }
        guard !username.isEmpty, !username.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw InboxSettingsError(key: "username", username.isEmpty ? "username is empty" : "username contains control characters")
        }
        if let ca = caFile, !(unseenCredentialsAllowed && LocalFiles.isUnseenCredential(ca)) {
            do {
                try LocalFiles.checkCertificates(ca, channel: "inbox")
            } catch {
                throw InboxSettingsError(key: "ca_file", error.message)
            }
        }
        // host[:port] exactly as written (no userinfo, checked above).
        let afterScheme = url[url.range(of: "://")!.upperBound...]
        server = "\(scheme)://" + afterScheme.prefix(while: { $0 != "/" })
        self.url = url
        self.host = host
        mailboxPath = String(path)
        mailbox = decoded
        self.username = username
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The URL that selects the mailbox (custom commands run on it).
    var mailboxURL: String { "\(server)/\(mailboxPath)" }
}

/// An inbox setting the client cannot work with; `key` names the `inbox:` key it is about.
/// The message never holds a secret.
public struct InboxSettingsError: Error, CustomStringConvertible, Equatable, Sendable {
    public var key: String
    public var message: String

    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "inbox.\(key): \(message)" }
}
