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
        let magnitude = n.magnitude
        var count = 1
        var rest = magnitude / 10
        while rest > 0 { count += 1; rest /= 10 }
        let sign = n < 0 ? 1 : 0
        let total = max(width, count + sign)
        // At most 20 digits and a sign: fits a small string, no heap.
        let text = String(unsafeUninitializedCapacity: total) { buffer in
            var i = total
            var m = magnitude
            repeat {
                i -= 1
                buffer[i] = UInt8(truncatingIfNeeded: m % 10) + 48
                m /= 10
            } while m > 0
            while i > sign { i -= 1; buffer[i] = 48 }
            if sign == 1 { buffer[0] = UInt8(ascii: "-") }
            return total
        }
        out += text
    }

    /// `append(_:width:to:)` for a UTF-8 buffer; non-negative values only.
    public static func append(_ n: Int, width: Int, to out: inout [UInt8]) {
        // Time stamps are made of these: two and four digits.
        if width == 2 && n >= 0 && n < 100 {
            out.append(UInt8(truncatingIfNeeded: n / 10) + 48)
            out.append(UInt8(truncatingIfNeeded: n % 10) + 48)
            return
        }
        if width == 4 && n >= 0 && n < 10_000 {
            out.append(UInt8(truncatingIfNeeded: n / 1000) + 48)
            out.append(UInt8(truncatingIfNeeded: n / 100 % 10) + 48)
            out.append(UInt8(truncatingIfNeeded: n / 10 % 10) + 48)
            out.append(UInt8(truncatingIfNeeded: n % 10) + 48)
            return
        }
        guard n >= 0 else {
            var s = ""
            append(n, width: width, to: &s)
            out += s.utf8
            return
        }
        var count = 1
        var rest = n / 10
        while rest > 0 { count += 1; rest /= 10 }
        for _ in count..<max(width, count) { out.append(48) }
        let start = out.count
        out += repeatElement(48, count: count)
        var i = out.count, m = n
        repeat {
            i -= 1
            out[i] = UInt8(truncatingIfNeeded: m % 10) + 48
            m /= 10
        } while i > start
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
