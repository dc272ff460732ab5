/// Reading an IMAP server's untagged replies, as libcurl hands them on (one line each, CRLF
/// or LF). Pure and tolerant: keywords in any case, unknown items and unsolicited replies
/// (another client's flag change, a new message's `EXISTS`) skipped, numbers ASCII digits
/// only and in range, so a hostile server yields nothing rather than a crash or a wrong UID.
enum IMAPReplies {
    /// What a SELECT said about the mailbox: `* OK [UIDVALIDITY n]`, `* OK [UIDNEXT n]`,
    /// `* n EXISTS` (the last of each, as a later one updates an earlier).
    struct Selected: Equatable {
        var uidValidity: UInt32?
        var uidNext: UInt32?
        var exists: Int?
    }

    static func selected(_ lines: [String]) -> Selected {
        var s = Selected()
        for line in lines {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 3, words[0] == "*" else { continue }
            if words[1].uppercased() == "OK", words.count >= 4, words[2].hasPrefix("[") {
                let code = words[2].dropFirst().uppercased()
                let value = words[3].hasSuffix("]") ? words[3].dropLast() : words[3]
                if code == "UIDVALIDITY", let n = number(value), n > 0 { s.uidValidity = n }
                if code == "UIDNEXT", let n = number(value), n > 0 { s.uidNext = n }
            } else if words[2].uppercased() == "EXISTS", let n = number(words[1]) {
                s.exists = Int(n)
            }
        }
        return s
    }

    /// The UIDs of every `* SEARCH …` line, in the order given (a CONDSTORE `(MODSEQ n)`
    /// and anything else not a number is skipped).
    static func searchUIDs(_ body: [UInt8]) -> [UInt32] {
        var uids: [UInt32] = []
        for line in lines(body) {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            for w in words.dropFirst(2) {
                if w.hasPrefix("(") { break }
                if let n = number(w), n > 0 { uids.append(n) }
            }
        }
        return uids
    }

    /// Size and `\Seen` of message `uid` from `* n FETCH (UID u RFC822.SIZE s FLAGS (…))`,
    /// items in any order; nil when no reply names that UID (the message is gone).
    static func sizeAndSeen(_ body: [UInt8], uid: UInt32) -> (size: Int, seen: Bool)? {
        for line in lines(body) {
            guard let items = fetchItems(line), items["UID"].flatMap({ number($0.atom ?? "") }) == uid,
                  let size = items["RFC822.SIZE"].flatMap({ number($0.atom ?? "") }) else { continue }
            let flags = items["FLAGS"]?.list ?? []
            return (Int(size), flags.contains { $0.uppercased() == "\\SEEN" })
        }
        return nil
    }

    /// A FETCH item's value: an atom or number, or a parenthesised list of atoms.
    enum Value: Equatable {
        case atom(String)
        case list([String])

        var atom: String? { if case .atom(let a) = self { return a } else { return nil } }
        var list: [String]? { if case .list(let l) = self { return l } else { return nil } }
    }

    /// The items of `* n FETCH (NAME value NAME value …)`, names upper-cased; nil for any
    /// other line, or one that does not parse (a literal, unbalanced parentheses).
    static func fetchItems(_ line: Substring) -> [String: Value]? {
        let u = Array(line.utf8)
        var i = 0
        func skipSpaces() { while i < u.count && u[i] == 0x20 { i += 1 } }
        func word() -> String {
            let start = i
            while i < u.count, u[i] != 0x20, u[i] != 0x28, u[i] != 0x29 { i += 1 }
            return String(decoding: u[start..<i], as: UTF8.self)
        }
        guard u.count > 2, u[0] == 0x2A, u[1] == 0x20 else { return nil }
        i = 2
        guard number(Substring(word())) != nil else { return nil }
        skipSpaces()
        guard word().uppercased() == "FETCH" else { return nil }
        skipSpaces()
        guard i < u.count, u[i] == 0x28 else { return nil }
        i += 1
        var items: [String: Value] = [:]
        while true {
            skipSpaces()
            guard i < u.count else { return nil }
            if u[i] == 0x29 { return items }
            let name = word().uppercased()
            guard !name.isEmpty, !name.contains("[") else { return nil } // BODY[…] comes with a literal
            skipSpaces()
            guard i < u.count else { return nil }
            if u[i] == 0x28 {
                i += 1
                var list: [String] = []
                while true {
                    skipSpaces()
                    guard i < u.count else { return nil }
                    if u[i] == 0x29 { i += 1; break }
                    if u[i] == 0x28 { return nil } // nested lists: not in the items read here
                    list.append(word())
                }
                items[name] = .list(list)
            } else {
                let value = word()
                guard !value.isEmpty, !value.hasPrefix("{"), !value.hasPrefix("\"") else { return nil }
                items[name] = .atom(value)
            }
        }
    }

    /// The lines of a body, without their line ends.
    static func lines(_ body: [UInt8]) -> [Substring] {
        String(decoding: body, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    /// A 32-bit unsigned number written in ASCII digits only.
    static func number(_ s: some StringProtocol) -> UInt32? {
        guard !s.isEmpty, s.utf8.count <= 10, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt32(s)
    }
}
