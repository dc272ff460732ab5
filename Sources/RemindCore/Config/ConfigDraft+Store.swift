import Foundation

extension ConfigDraft {
    static let storeKeys = ["url", "password_file", "password_env"]

    func readStore(_ n: YAMLNode, _ r: YAMLReader) {
        guard let m = r.mapping(n, "store", allowed: Self.storeKeys) else { return }
        for key in Self.storeKeys { if let f = m[key] { keyLocations["store.\(key)"] = r.location(f.value) } }
        keyLocations["store"] = r.location(n)
        guard let u = m["url"]?.value else {
            r.error("store needs url: postgresql://USER@HOST/DATABASE", at: n)
            return
        }
        guard let url = r.line(u, "store.url") else { return }
        do throws(StoreURLError) {
            _ = try StoreURL(url)
        } catch {
            r.error(error.message, at: u)
            return
        }
        var s = StoreSection(url: url)
        if let v = m["password_file"]?.value, let p = r.line(v, "store.password_file") { s.passwordFile = resolve(p, relativeTo: r.file) }
        if let v = m["password_env"]?.value { s.passwordEnv = r.line(v, "store.password_env") }
        if s.passwordFile != nil && s.passwordEnv != nil {
            r.error("store: give password_file or password_env, not both", at: m["password_env"]?.value)
        }
        store = s
    }

    /// After every file is read: the state lives in one place.
    func validateStore() {
        guard store != nil, statePath != nil else { return }
        fail("give state (an SQLite file) or store (PostgreSQL), not both", at: keyLocations["store"])
    }
}
