/// Envelope and header addresses are checked here before libcurl or a header sees them.
/// libcurl passes CR/LF inside `MAIL FROM`/`RCPT TO` to the server as extra SMTP commands,
/// so one bad address could add a recipient; the config validation refuses such addresses
/// too, and this is the second line of defence.
enum Address {
    /// nil when `a` is a plain `local@domain` address; else why not.
    static func problem(_ a: String) -> String? {
        if a.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            return "contains CR, LF or NUL"
        }
        guard !a.isEmpty, a.utf8.count <= 254 else { return "is empty or too long" }
        if a.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            return "contains spaces, control or non-ASCII characters"
        }
        if a.contains(where: { "<>()[],;:\"\\".contains($0) }) {
            return "contains characters not allowed in an address"
        }
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "is not of the form local@domain"
        }
        // RFC 5322's dot-atom: no dot at either end of the local part, none doubled
        // (a strict parser refuses `a.@example.org`).
        if parts[0].hasPrefix(".") || parts[0].hasSuffix(".") || parts[0].contains("..") {
            return "has a dot at the start or end of its local part, or two in a row"
        }
        // The domain too: `x@evil.` makes a Message-ID a strict parser refuses.
        if parts[1].hasPrefix(".") || parts[1].hasSuffix(".") || parts[1].contains("..") || parts[1].hasPrefix("-") {
            return "has a dot at the start or end of its domain, or two in a row"
        }
        return nil
    }

    /// The part after `@`, for Message-IDs.
    static func domain(_ a: String) -> String {
        a.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
