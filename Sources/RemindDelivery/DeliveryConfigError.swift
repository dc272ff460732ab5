/// A channel that cannot be built from the configuration: a bad URL, an unreadable secret
/// or trust file, plain SMTP to a remote host, a maildir that cannot be made. Raised by the
/// one load (`check`, start, reload), so a bad channel shows before anything is sent, not
/// at 3 a.m. when the first reminder is due. `key` names the channel's key the problem is
/// about (`password_file`), so the loader can point at its line; nil for the channel as a
/// whole. The message never holds a secret.
public struct DeliveryConfigError: Error, CustomStringConvertible, Equatable {
    public var channel: String
    public var key: String?
    public var message: String

    public init(channel: String, key: String? = nil, _ message: String) {
        self.channel = channel
        self.key = key
        self.message = message
    }

    /// `channels.mail.password_file: cannot read …`: the key's path, as `check` prints it.
    public var path: String { "channels.\(channel)" + (key.map { ".\($0)" } ?? "") }

    public var description: String { "\(path): \(message)" }
}
