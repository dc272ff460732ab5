import Foundation
import Testing
@testable import RemindCore

/// `store:` as the loader reads it: the URL's rules (no password in it, TLS off only on
/// loopback), one place for the state, positions in every error. The password file is read
/// by the one load (`StoreSetupTests`); connecting is `PostgresStoreTests`.
@Suite struct StoreConfigTests {
    static func errors(_ extra: String) -> [String] { HTTPLinksConfigTests.errors(extra) }

    @Test func aSectionIsRead() throws {
        let c = try HTTPLinksConfigTests.load("""
            store: { url: "postgresql://remindd@db.example.org/remindd", password_file: pg-password }
            """)
        #expect(c.store?.url == "postgresql://remindd@db.example.org/remindd")
        #expect(c.store?.passwordFile == "/srv/r/pg-password")
        #expect(c.keyLocations["store.url"]?.line == 5)
        let none = try HTTPLinksConfigTests.load("")
        #expect(none.store == nil)
    }

    @Test func theURLIsTakenApart() throws {
        let remote = try StoreURL("postgresql://remindd@db.example.org/remindd")
        #expect(remote.host == "db.example.org" && remote.port == 5432 && remote.user == "remindd" && remote.database == "remindd")
        #expect(remote.tls == .verifyFull, "TLS with a checked certificate by default over the network")
        let local = try StoreURL("postgres://r@127.0.0.1:6543/state")
        #expect(local.tls == .disable && local.port == 6543)
        #expect(local.description == "postgresql://r@127.0.0.1:6543/state")
        #expect(try StoreURL("postgresql://r@[::1]/s").host == "::1")
        #expect(try StoreURL("postgresql://r@db.example.org/s?sslmode=require").tls == .require)
    }

    @Test(arguments: [
        ("store: { url: \"postgresql://remindd:Geheim-42@db.example.org/remindd\" }", "must not hold a password"),
        ("store: { url: \"mysql://remindd@db.example.org/remindd\" }", "must start with postgresql://"),
        ("store: { url: \"postgresql://db.example.org/remindd\" }", "needs a user name"),
        ("store: { url: \"postgresql://remindd@db.example.org/\" }", "needs a database name"),
        ("store: { url: \"postgresql://remindd@db.example.org:99999/r\" }", "store.url"),
        ("store: { url: \"postgresql://remindd@db.example.org/r?sslmode=disable\" }", "sslmode=disable only for a loopback host"),
        ("store: { url: \"postgresql://remindd@127.example.org/r?sslmode=disable\" }", "sslmode=disable only for a loopback host"),
        ("store: { url: \"postgresql://remindd@db.example.org/r?sslmode=allow\" }", "sslmode must be disable, require or verify-full"),
        ("store: { url: \"postgresql://remindd@db.example.org/r?application_name=x\" }", "unknown parameter 'application_name'"),
        ("store: { password_file: /p }", "store needs url"),
        ("store: { url: \"postgresql://r@localhost/s\", password_file: /p, password_env: PG }", "give password_file or password_env, not both"),
        ("store: { url: \"postgresql://r@localhost/s\", passwd_file: /p }", "did you mean 'password_file'?"),
        ("state: /var/lib/remindd/state.sqlite\nstore: { url: \"postgresql://r@localhost/s\" }", "give state (an SQLite file) or store (PostgreSQL), not both"),
    ])
    func badSectionsAreRefusedWithTheirPosition(_ yaml: String, _ message: String) {
        let errors = Self.errors(yaml)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains(message) == true, "\(errors)")
        #expect(errors.first?.hasPrefix("/srv/r/remindd.yaml:") == true, "\(errors)")
        #expect(errors.allSatisfy { !$0.contains("Geheim-42") }, "a password in the URL is never repeated")
    }
}
