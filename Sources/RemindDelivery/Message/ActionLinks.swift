import Foundation
import RemindCore

/// The links a reminder carries when `links` and `http.public_url` are set: one to mark
/// the item done and one per `links.snooze` choice, each `PUBLIC_URL/a/TOKEN`. A link
/// expires `links.valid_for` after the later of the item's deadline and the reminder's
/// moment; it is made from the reminder alone (no clock), so the same reminder always
/// carries the same links.
public struct ActionLinks: Sendable {
    public var publicURL: String
    public var settings: LinkSettings
    public var keys: LinkKeys

    public init(publicURL: String, settings: LinkSettings, keys: LinkKeys) {
        self.publicURL = publicURL
        self.settings = settings
        self.keys = keys
    }

    /// Nil unless both sections are set and the keys were read.
    public init?(config: Config, keys: LinkKeys?) {
        guard let url = config.http?.publicURL, let settings = config.links, let keys else { return nil }
        self.init(publicURL: url, settings: settings, keys: keys)
    }

    public struct Snooze: Sendable, Equatable {
        /// As written in `links.snooze` (`2d`), the key in the webhook's `links.snooze`.
        public var choice: String
        public var url: String
    }

    public struct Links: Sendable, Equatable {
        public var done: String
        public var snooze: [Snooze]
    }

    /// The links of a reminder of an item; none for an event notice.
    public func links(for r: Reminder) -> Links? {
        guard !r.isEventNotice else { return nil }
        let expires = max(r.deadline ?? r.at, r.at).addingTimeInterval(settings.validForSeconds)
        func url(_ action: ActionToken.Action, _ parameter: String = "") -> String {
            let token = ActionToken(item: r.subject, action: action, parameter: parameter, expires: expires)
            return "\(publicURL)/a/\(token.signed(with: keys))"
        }
        return Links(done: url(.done), snooze: settings.snooze.map { Snooze(choice: $0.description, url: url(.snooze, $0.description)) })
    }
}
