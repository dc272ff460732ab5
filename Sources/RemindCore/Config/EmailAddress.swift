import Foundation

/// Address checks strict enough that nothing odd reaches an SMTP envelope or a header:
/// one `@`, a dot-atom-ish local part, a host name; no spaces, quotes, angle brackets,
/// CR, LF or NUL.
public enum EmailAddress {
    static let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
    static let hostAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")

    public static func isValid(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, s.utf8.count <= 254 else { return false }
        let local = parts[0], host = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, local.allSatisfy({ localAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        guard !host.isEmpty, host.allSatisfy({ hostAllowed.contains($0) }),
              !host.hasPrefix("."), !host.hasSuffix("."), !host.hasPrefix("-"), !host.contains("..") else { return false }
        return host.contains(".") || host == "localhost"
    }

    /// Splits `Display Name <addr@host>` or a bare `addr@host`.
    public static func parseMailbox(_ s: String) -> (name: String?, address: String)? {
        let t = s.trimmingSpaces
        if t.hasSuffix(">"), let open = t.lastIndex(of: "<") {
            let addr = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            var name = t[..<open].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            guard isValid(addr), !name.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" || $0 == "\r\n" }) else { return nil }
            return (name.isEmpty ? nil : name, addr)
        }
        return isValid(t) ? (nil, t) : nil
    }
}
