import RemindCore

/// The mailboxes of one delivery: the reminder's people in To, escalation targets in Cc,
/// every address checked before it reaches a header or the SMTP envelope.
struct Recipients {
    var to: [Mailbox]
    var cc: [Mailbox]
    /// Person ids that have no usable address on this channel (for a log line).
    var unreachable: [String]

    /// Envelope recipients: every address once.
    var envelope: [String] {
        var seen = Set<String>()
        return (to + cc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    enum Failure: Error {
        /// An address from the config that must not reach libcurl (CR/LF/NUL and the like).
        case badAddress(person: String, reason: String)
    }

    /// - Parameter localFallback: maildir's choice: a person without e-mail still appears,
    ///   as `<id>@localhost`, so a local mail reader shows who the reminder is for.
    static func resolve(_ d: PlannedDelivery, config: Config, localFallback: Bool = false) throws(Failure) -> Recipients {
        var unreachable: [String] = []
        var seen = Set<String>()
        func boxes(_ ids: [String]) throws(Failure) -> [Mailbox] {
            var out: [Mailbox] = []
            for id in ids {
                let person = config.people[id]
                var emails = person?.emails ?? []
                if emails.isEmpty && localFallback { emails = ["\(id)@localhost"] }
                if emails.isEmpty { unreachable.append(id) }
                for e in emails {
                    if let reason = Address.problem(e) {
                        throw .badAddress(person: id, reason: reason)
                    }
                    if seen.insert(e.lowercased()).inserted {
                        out.append(Mailbox(name: person?.displayName ?? id, address: e))
                    }
                }
            }
            return out
        }
        let to = try boxes(d.to)
        let cc = try boxes(d.cc)
        return Recipients(to: to, cc: cc, unreachable: unreachable)
    }
}
