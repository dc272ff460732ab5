import Foundation
import RemindCore

/// `store:` with its password read: what the daemon and the commands connect with. Built by
/// the one load (`check`, `run`, reload) and by the state commands, so a password file that
/// cannot be read is a config error with its position, never a failure at the first query.
public struct StoreSetup: Sendable {
    public var url: StoreURL
    /// Nil when none is configured (trust or peer authentication on the server), or for a
    /// `check` outside the service that could not see the credential.
    public var password: String?

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var key: String
        public var message: String
        public var description: String { "\(key): \(message)" }
    }

    /// Nil without `store:`. `check` looks at a credential only the service can read as a
    /// warning; every other purpose needs it.
    public static func load(_ config: Config, environment: [String: String], purpose: LoadPurpose)
        -> (StoreSetup?, errors: [Problem], warnings: [Problem]) {
        guard let section = config.store else { return (nil, [], []) }
        let url: StoreURL
        do throws(StoreURLError) {
            url = try StoreURL(section.url)
        } catch {
            return (nil, [Problem(key: "store.url", message: error.message)], [])
        }
        var password: String?
        do {
            password = try Secrets.lookup(channel: "store", file: section.passwordFile, fileKey: "password_file",
                                          env: section.passwordEnv, envKey: "password_env", credential: "store-password",
                                          environment: environment, seeAll: purpose != .check, what: "password file")
        } catch let unseen as Secrets.Unseen {
            return (StoreSetup(url: url, password: nil),
                    [], [Problem(key: "store.\(unseen.warning.key ?? "password_file")", message: unseen.warning.message)])
        } catch let e as DeliveryConfigError {
            return (nil, [Problem(key: "store.\(e.key ?? "password_file")", message: e.message)], [])
        } catch {
            return (nil, [Problem(key: "store.password_file", message: "\(error)")], [])
        }
        if let p = password, p.isEmpty || p.unicodeScalars.contains(where: { $0.value == 0 || $0.value == 0x0A || $0.value == 0x0D }) {
            return (nil, [Problem(key: section.passwordFile != nil ? "store.password_file" : "store.password_env",
                                  message: p.isEmpty ? "the password is empty" : "the password holds a line break or NUL")], [])
        }
        return (StoreSetup(url: url, password: password), [], [])
    }
}
