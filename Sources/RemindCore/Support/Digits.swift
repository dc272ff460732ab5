/// Zero-padded decimals and hex without `String(format:)`.
///
/// Why: `String(format:)` goes through Foundation's locale-aware formatter and boxes each
/// argument; in the loops that stamp every reminder, key and log line it cost more than the
/// work around it (measured with `scripts/bench`). These produce the same text as
/// `%0Nd` and `%02x` for the values remindd formats.
public enum Digits {
    /// `n` in decimal, at least `width` characters, zero-padded (`%0*d`: a minus sign
    /// counts towards the width).
    public static func padded(_ n: Int, width: Int) -> String {
        var out = ""
        append(n, width: width, to: &out)
        return out
    }

    public static func append(_ n: Int, width: Int, to out: inout String) {
        var magnitude = n.magnitude
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        repeat {
            digits.append(UInt8(truncatingIfNeeded: magnitude % 10) + 48)
            magnitude /= 10
        } while magnitude > 0
        if n < 0 { out.append("-") }
        let pad = width - digits.count - (n < 0 ? 1 : 0)
        if pad > 0 { out.append(String(repeating: "0", count: pad)) }
        out.append(String(decoding: digits.reversed(), as: UTF8.self))
    }

    /// Lower-case hex, two digits a byte.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let table = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(table[Int(b >> 4)])
            out.append(table[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
