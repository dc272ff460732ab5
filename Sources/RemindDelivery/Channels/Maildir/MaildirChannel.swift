import Foundation
import RemindCore

/// `type: maildir`: each reminder a file in a Maildir on this machine; nothing to set up.
public struct MaildirChannel: Channel, Hashable {
    public static let type = "maildir"
    public static let keys = ["path", "from"]
    public static let reachesPeopleByEmail = true

    public var name: String
    /// Absolute, or resolved against the config file's folder.
    public var path: String
    public var fromAddress: String
    public var fromName: String?

    public init(name: String, path: String, fromAddress: String = "remindd@localhost", fromName: String? = "remindd") {
        self.name = name
        self.path = path
        self.fromAddress = fromAddress
        self.fromName = fromName
    }

    public init?(reading r: inout ChannelSectionReader) {
        guard let path = r.required("path") else { return nil }
        self.init(name: r.section.name, path: r.section.resolve(path))
        if r.has("from") {
            guard let from = r.mailbox("from") else { return nil }
            fromAddress = from.address
            fromName = from.name
        }
    }

    public func makeNotifier(_ context: NotifierContext) throws -> any Notifier {
        try LocalFiles.prepareMaildir(path, channel: name, create: context.purpose == .start)
        return MaildirNotifier(self, renderer: context.renderer, logger: context.logger, now: context.now)
    }
}
