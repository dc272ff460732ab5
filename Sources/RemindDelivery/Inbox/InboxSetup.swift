import Foundation
import RemindCore

/// `inbox:` as the one load builds it: the IMAP settings the client insists on (URL, TLS,
/// trust file) and the password read, or every problem with the key it is about, so
/// `check`, start and reload refuse the same inbox with the same message and position.
public struct InboxSetup: Sendable {
    public var settings: IMAPSettings
    /// Nil only for a `check` outside the service that could not see the credential.
    public var password: String?
    public var replyAddress: ReplyAddress
    public var pollSeconds: Double
    /// The smtp channel answers go out on.
    public var answerChannel: String

    public struct Problem: Error, Sendable {
        public var key: String
        public var message: String
    }

    /// Nil without `inbox:`; problems are errors, `unseen` are warnings (a credential only
    /// the service can read, looked at by `check` from outside).
    public static func load(_ config: Config, environment: [String: String], purpose: LoadPurpose)
        -> (InboxSetup?, errors: [Problem], warnings: [Problem]) {
        guard let section = config.inbox else { return (nil, [], []) }
        var errors: [Problem] = [], warnings: [Problem] = []
        let tls: TLSMode = section.tls == "none" ? .none : .required
        let settings: IMAPSettings
        do {
            settings = try IMAPSettings(url: section.url, username: section.username, tls: tls, caFile: section.caFile,
                                        unseenCredentialsAllowed: purpose == .check)
        } catch {
            return (nil, [Problem(key: "inbox.\(error.key)", message: error.message)], [])
        }
        // The same look-up as an SMTP password: password_file, password_env, then
        // $CREDENTIALS_DIRECTORY/inbox-password.
        var password: String?
        do {
            password = try Secrets.lookup(channel: "inbox", file: section.passwordFile, fileKey: "password_file",
                                          env: section.passwordEnv, envKey: "password_env", credential: "inbox-password",
                                          environment: environment, seeAll: purpose != .check, what: "password file")
            if password == nil {
                errors.append(Problem(key: "inbox.password_file", message: "no password found (password_file, password_env, or $CREDENTIALS_DIRECTORY/inbox-password)"))
            }
        } catch let unseen as Secrets.Unseen {
            warnings.append(Problem(key: "inbox.\(unseen.warning.key ?? "password_file")", message: unseen.warning.message))
        } catch let e as DeliveryConfigError {
            errors.append(Problem(key: "inbox.\(e.key ?? "password_file")", message: e.message))
        } catch {
            errors.append(Problem(key: "inbox.password_file", message: "\(error)"))
        }
        if let p = password, p.unicodeScalars.contains(where: { $0.value == 0 || $0.value == 0x0A || $0.value == 0x0D }) {
            errors.append(Problem(key: section.passwordFile != nil ? "inbox.password_file" : "inbox.password_env",
                                  message: "the password holds a line break or NUL"))
        }
        guard let address = ReplyAddress(pattern: section.replyTo) else {
            errors.append(Problem(key: "inbox.reply_to", message: "must hold {token} once, in the local part"))
            return (nil, errors, warnings)
        }
        let answer = section.answerChannel
            ?? config.channelOrder.first { config.channels[$0]?.type == "smtp" }
        guard let answer else {
            errors.append(Problem(key: "inbox.answer_channel", message: "no smtp channel to answer replies on"))
            return (nil, errors, warnings)
        }
        guard errors.isEmpty else { return (nil, errors, warnings) }
        return (InboxSetup(settings: settings, password: password, replyAddress: address, pollSeconds: section.pollSeconds,
                           answerChannel: answer), errors, warnings)
    }
}
