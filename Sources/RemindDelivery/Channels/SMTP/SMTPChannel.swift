import Foundation
import RemindCore

public enum TLSMode: String, Sendable, Hashable, CaseIterable {
    case required, none
}

/// `type: smtp`: mail through a submission server, STARTTLS (`smtp://`) or TLS
/// (`smtps://`); plain text only to a loopback host with `tls: none`.
public struct SMTPChannel: Channel, Hashable {
    public static let type = "smtp"
    public static let keys = ["url", "from", "username", "password_file", "password_env", "tls", "ca_file",
                              "timeout", "connect_timeout"]
    public static let refusedKeys = ["password"]
    public static let reachesPeopleByEmail = true

    public var name: String
    /// `smtp://host[:port]` (STARTTLS) or `smtps://host[:port]` (implicit TLS).
    public var url: String
    public var host: String
    /// The envelope and header sender address.
    public var fromAddress: String
    public var fromName: String?
    public var username: String?
    public var passwordFile: String?
    public var passwordEnv: String?
    public var tls: TLSMode
    public var caFile: String?
    /// Seconds; connect and whole-transfer limits.
    public var connectTimeout: Double
    public var timeout: Double

    public init(name: String, url: String, host: String, fromAddress: String, fromName: String?,
                username: String?, passwordFile: String?, passwordEnv: String?, tls: TLSMode,
                caFile: String?, connectTimeout: Double = 10, timeout: Double = 60) {
        self.name = name
        self.url = url
        self.host = host
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.username = username
        self.passwordFile = passwordFile
        self.passwordEnv = passwordEnv
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    public init?(reading r: inout ChannelSectionReader) {
        let what = r.what
        if r.has("password") {
            r.error("\(what): an inline password is not allowed; use password_file or password_env", at: "password")
        }
        var url = "", host = ""
        if let s = r.required("url") {
            if let parsed = URLParts(s), parsed.scheme == "smtp" || parsed.scheme == "smtps" {
                url = s
                host = parsed.host
                if parsed.hasUserInfo {
                    r.error("\(what).url must not hold credentials; use username and password_file", at: "url")
                }
            } else {
                r.error("\(what).url must be smtp://host[:port] (STARTTLS) or smtps://host[:port] (TLS), found '\(URLParts.redact(s))'", at: "url")
            }
        }
        var from: (address: String, name: String?)?
        if r.has("from") {
            from = r.mailbox("from", hint: " (use addr@example.org or \"Name <addr@example.org>\")")
        } else {
            r.error("smtp channel '\(r.section.name)' needs from: (the sender address)")
        }
        let passwordFile = r.path("password_file"), passwordEnv = r.text("password_env")
        if passwordFile != nil && passwordEnv != nil {
            r.error("\(what): give password_file or password_env, not both", at: "password_env")
        }
        let tls = r.choice("tls", default: TLSMode.required)
        if r.has("tls") && tls == .none {
            if !host.isEmpty && !Loopback.isLoopbackHost(host) {
                r.error("\(what).tls: none is accepted only for a loopback host (127.0.0.1, ::1, localhost), not '\(host)'", at: "tls")
            }
            if url.hasPrefix("smtps:") { r.error("\(what).tls: none contradicts smtps://", at: "tls") }
        }
        let connectTimeout = r.seconds("connect_timeout"), timeout = r.seconds("timeout")
        guard r.errors.isEmpty, let from else { return nil }
        self.init(name: r.section.name, url: url, host: host, fromAddress: from.address, fromName: from.name,
                  username: r.text("username"), passwordFile: passwordFile, passwordEnv: passwordEnv, tls: tls,
                  caFile: r.path("ca_file"), connectTimeout: connectTimeout ?? 10, timeout: timeout ?? 60)
    }

    public func makeNotifier(_ context: NotifierContext) throws -> any Notifier {
        let settings = try SMTPSettings(self, unseenCredentialsAllowed: !context.seeAll)
        let password = try Secrets.smtpPassword(self, environment: context.environment, seeAll: context.seeAll)
        return SMTPNotifier(settings: settings, renderer: context.renderer, password: password,
                            logger: context.logger, now: context.now)
    }
}
