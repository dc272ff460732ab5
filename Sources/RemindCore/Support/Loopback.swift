/// The one rule for "this host is the machine itself", used wherever plain text is allowed
/// only on loopback (SMTP with `tls: none`, later IMAP). DESIGN: `localhost`, an IPv4
/// literal in 127.0.0.0/8, or `::1` (`[::1]` in a URL). No name is resolved: a name such as
/// `127.example.org` is a remote host whatever a resolver would say today.
public enum Loopback {
    public static func isLoopbackHost(_ host: String) -> Bool {
        var h = Substring(host.lowercased())
        if h.hasPrefix("[") && h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        if h == "localhost" || h == "::1" { return true }
        let octets = h.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { o in
            !o.isEmpty && o.count <= 3 && o.allSatisfy { $0 >= "0" && $0 <= "9" } && Int(o).map { $0 <= 255 } == true
        }
    }
}
