/// A channel that cannot be built from the configuration: unknown name, an unreadable
/// secret, plain SMTP to a remote host, a template that does not parse. Raised when the
/// notifier is made, so a bad channel shows at start-up or reload, not at 3 a.m. when the
/// first reminder is due. The message never holds a secret.
public struct DeliveryConfigError: Error, CustomStringConvertible, Equatable {
    public var channel: String
    public var message: String

    public init(channel: String, _ message: String) {
        self.channel = channel
        self.message = message
    }

    public var description: String { "channel \(channel): \(message)" }
}
