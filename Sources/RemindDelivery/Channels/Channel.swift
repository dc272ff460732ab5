import Foundation
import Logging
import RemindCore

/// One kind of channel, in a folder of its own (`Channels/SMTP`, …): its settings, read
/// and checked from the config's section with every problem's position, and the notifier
/// that delivers through it. The loader knows a kind only through `kind` (its `type:`,
/// keys and check), so adding a kind is a folder and one line in `Channels.registered`.
public protocol Channel: Sendable {
    /// The `type:` of its sections.
    static var type: String { get }
    /// The keys its section may hold, `type` aside.
    static var keys: [String] { get }
    /// Keys it refuses with a message of its own.
    static var refusedKeys: [String] { get }
    /// Whether it reaches people by their `email:` (a person without one cannot be reached).
    static var reachesPeopleByEmail: Bool { get }

    /// Reads the section; nil when the reader holds an error.
    init?(reading r: inout ChannelSectionReader)

    var name: String { get }
    /// A trust file besides the system's, for a TLS channel.
    var caFile: String? { get }

    /// The notifier, after the checks that touch the machine (secret and trust files
    /// readable, a maildir that can be made).
    /// - Throws: `DeliveryConfigError` (its text holds no secret) or `Secrets.Unseen`.
    func makeNotifier(_ context: NotifierContext) throws -> any Notifier
}

extension Channel {
    public static var refusedKeys: [String] { [] }
    public var caFile: String? { nil }

    /// What the loader is told of this kind.
    public static var kind: ChannelKind {
        ChannelKind(type: type, keys: keys, refusedKeys: refusedKeys, reachesPeopleByEmail: reachesPeopleByEmail) {
            var r = ChannelSectionReader($0)
            _ = Self(reading: &r)
            return r.errors
        }
    }
}

/// What a notifier is built with besides its channel's settings.
public struct NotifierContext {
    public var renderer: MessageRenderer
    public var environment: [String: String]
    public var logger: Logger
    public var purpose: LoadPurpose
    public var now: () -> Date

    /// `start` reads every secret; `check` lets one under the service's credentials
    /// directory go unseen when that directory is not here.
    var seeAll: Bool { purpose == .start }
}

/// The kinds of channel remindd delivers through.
public enum Channels {
    /// Every kind; a new kind of channel is registered here.
    public static let registered: [any Channel.Type] = [
        SMTPChannel.self,
        WebhookChannel.self,
        MaildirChannel.self,
    ]

    /// For the loader.
    public static let kinds = ChannelKinds(registered.map { $0.kind })

    /// The settings of a section the loader accepted.
    /// - Throws: `DeliveryConfigError` for a kind not registered or a section that does not
    ///   read (a config built by hand, not by the loader).
    public static func read(_ section: ChannelSection) throws(DeliveryConfigError) -> any Channel {
        guard let kind = registered.first(where: { $0.type == section.type }) else {
            throw DeliveryConfigError(channel: section.name, key: "type", "unknown channel type '\(section.type)'")
        }
        var r = ChannelSectionReader(section)
        guard let channel = kind.init(reading: &r) else {
            throw DeliveryConfigError(channel: section.name, r.errors.map(\.message).joined(separator: "; "))
        }
        return channel
    }

    /// Whether the kind of `section` reaches people by e-mail.
    public static func reachesPeopleByEmail(_ section: ChannelSection) -> Bool {
        registered.first { $0.type == section.type }?.reachesPeopleByEmail ?? false
    }
}
