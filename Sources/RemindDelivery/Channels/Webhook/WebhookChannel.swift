import Foundation
import RemindCore

public enum WebhookFormat: String, Sendable, Hashable, CaseIterable {
    case json, slack, mattermost, teams, ntfy
}

/// `type: webhook`: one HTTP POST per reminder, JSON or a chat service's format, signed
/// the Standard Webhooks way when a secret is given.
public struct WebhookChannel: Channel, Hashable {
    public static let type = "webhook"
    public static let keys = ["url", "format", "secret_file", "secret_env", "ca_file", "timeout", "connect_timeout"]
    public static let reachesPeopleByEmail = false

    public var name: String
    public var url: String
    public var format: WebhookFormat
    /// Standard Webhooks signing key file (`whsec_…`).
    public var secretFile: String?
    public var secretEnv: String?
    public var caFile: String?
    public var connectTimeout: Double
    public var timeout: Double

    public init(name: String, url: String, format: WebhookFormat, secretFile: String?,
                secretEnv: String? = nil, caFile: String? = nil,
                connectTimeout: Double = 10, timeout: Double = 30) {
        self.name = name
        self.url = url
        self.format = format
        self.secretFile = secretFile
        self.secretEnv = secretEnv
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    public init?(reading r: inout ChannelSectionReader) {
        guard let url = r.required("url") else { return nil }
        guard let p = URLParts(url), p.scheme == "http" || p.scheme == "https", !p.host.isEmpty else {
            r.error("\(r.what).url must be an http:// or https:// URL, found '\(URLParts.redact(url))'", at: "url")
            return nil
        }
        let format = r.choice("format", default: WebhookFormat.json)
        let connectTimeout = r.seconds("connect_timeout"), timeout = r.seconds("timeout")
        guard r.errors.isEmpty else { return nil }
        self.init(name: r.section.name, url: url, format: format, secretFile: r.path("secret_file"),
                  secretEnv: r.text("secret_env"), caFile: r.path("ca_file"),
                  connectTimeout: connectTimeout ?? 10, timeout: timeout ?? 30)
    }

    public func makeNotifier(_ context: NotifierContext) throws -> any Notifier {
        let settings = try WebhookSettings(self, unseenCredentialsAllowed: !context.seeAll)
        let key = try Secrets.webhookKey(self, environment: context.environment, seeAll: context.seeAll)
        return WebhookNotifier(settings: settings, renderer: context.renderer, key: key, logger: context.logger,
                               now: context.now)
    }
}
