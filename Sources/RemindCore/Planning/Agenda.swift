import Foundation

/// What `remindd agenda` shows: the planned reminders of a window, as a table for people
/// or as JSON for scripts.
public struct Agenda: Sendable {
    public let planner: Planner
    /// In order: time, then subject, then kind. Written out in this order, the entries are
    /// read from memory front to back (reading them through a permutation instead cost a
    /// third more time than the sorted copy saved).
    public let reminders: [Reminder]

    private init(planner: Planner, reminders: [Reminder]) {
        self.planner = planner
        self.reminders = reminders
    }

    /// The same agenda with a zone memo of its own, for a thread that writes beside others.
    func withOwnCalendarMemo() -> Agenda {
        Agenda(planner: planner.withOwnCalendarMemo(), reminders: reminders)
    }

    public init(config: Config, state: PlanState, from: Date, days: Int) {
        planner = Planner(config: config)
        let to = from.addingTimeInterval(Double(days) * 86_400)
        reminders = planner.reminders(state: state, from: from, to: to, parallel: true)
    }

    public var count: Int { reminders.count }


    public static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysNL = ["ma", "di", "wo", "do", "vr", "za", "zo"]

    /// `Fri 2023-09-29 09:00` in the config's zone; `vr 2023-09-29 09:00` in Dutch, for
    /// what owners read (pages, answers). Commands and logs keep the English form.
    public static func localStamp(_ date: Date, _ cal: WorkCalendar, language: Language = .en) -> String {
        let (d, s) = cal.local(date)
        var out = (language == .nl ? weekdaysNL : weekdays)[d.isoWeekday - 1] + " " + d.description + " "
        Digits.append(s / 3600, width: 2, to: &out)
        out += ":"
        Digits.append((s / 60) % 60, width: 2, to: &out)
        if s % 60 != 0 {
            out += ":"
            Digits.append(s % 60, width: 2, to: &out)
        }
        return out
    }

    /// ISO 8601 with the zone's offset: `2023-09-29T09:00:00+02:00`.
    public static func localISO(_ date: Date, _ cal: WorkCalendar) -> String {
        let (d, s) = cal.local(date)
        let off = cal.offset(atUTC: Int(date.timeIntervalSince1970.rounded(.down)))
        var out = d.description + "T"
        UTCStamp.appendClock(s, separator: ":", to: &out)
        out += off < 0 ? "-" : "+"
        Digits.append(abs(off) / 3600, width: 2, to: &out)
        out += ":"
        Digits.append((abs(off) / 60) % 60, width: 2, to: &out)
        return out
    }

    /// `before 7d`, `due`, `overdue #2`, `undated #3`, `at`, `event-expected`.
    public static func kindLabel(_ r: Reminder) -> String {
        var s: String
        switch r.kind {
        case .before: s = "before " + (r.lead?.description ?? "")
        case .overdue, .undated: s = "\(r.kind.rawValue) #\(r.ordinal)"
        default: s = r.kind.rawValue
        }
        if !r.mergedKinds.isEmpty { s += " (+" + r.mergedKinds.map(\.rawValue).joined(separator: ", ") + ")" }
        return s
    }

    public func table() -> String {
        let cal = planner.config.calendar
        var rows: [[String]] = [["WHEN (\(planner.config.timeZoneName))", "KIND", "ITEM", "TO", "CHANNELS"]]
        let list = reminders
        for r in list {
            let to = r.people.joined(separator: ", ") + (r.escalation.isEmpty ? "" : " +" + r.escalation.joined(separator: ", +"))
            let subject = r.isEventNotice ? "event \(r.subject)" : r.subject
            rows.append([Self.localStamp(r.at, cal), Self.kindLabel(r), subject, to,
                         planner.channels(for: r).joined(separator: ", ")])
        }
        if list.isEmpty { return "No reminders in this window.\n" }
        return TextTable.render(rows) + "\n"
    }

    public func json() -> JSON {
        .array(reminders.map(entry))
    }

    /// The UTF-8 of `json().serialized(pretty:)`, handed over in pieces (blocks of 4,096
    /// entries) instead of built whole: a year of 100,000 items is some 150 MB of JSON.
    public func writeJSON(pretty: Bool, _ write: ([UInt8]) -> Void) {
        guard count > 0 else { return write(Array("[]".utf8)) }
        write(pretty ? [0x5B, 0x0A] : [0x5B])
        let last = count - 1
        // Blocks of entries are written side by side on the machine's cores, then handed
        // over in order.
        let block = 4_096
        var start = 0
        while start < count {
            let end = min(count, start + block * ProcessInfo.processInfo.activeProcessorCount)
            let starts = Array(stride(from: start, to: end, by: block))
            let pieces = Parallel.map(starts.indices, minimumPerPart: 1, shared: self,
                                      own: { self.withOwnCalendarMemo() }) { agenda, b in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(block * (pretty ? 420 : 300))
                // Read in place: a copy of each reminder would retain every list it holds.
                agenda.reminders.withUnsafeBufferPointer { all in
                    for i in starts[b]..<min(end, starts[b] + block) {
                        if pretty { bytes += [0x20, 0x20] }
                        agenda.writeEntry(all[i], into: &bytes, pretty: pretty)
                        if i < last { bytes.append(0x2C) }
                        if pretty { bytes.append(0x0A) }
                    }
                }
                return [bytes]
            }
            // Blocks are about a megabyte each: handed over as they are, not copied again.
            for piece in pieces { write(piece) }
            start = end
        }
        write([0x5D])
    }

    /// One reminder as `agenda --json` shows it.
    func entry(_ r: Reminder) -> JSON {
        let cal = planner.config.calendar
        let deliveries = planner.deliveries(for: r)
        var o: [(String, JSON)] = [
            ("at", .string(UTCStamp.iso(r.at))),
            ("local", .string(Self.localISO(r.at, cal))),
            ("kind", .string(r.kind.rawValue)),
            ("item", .string(r.subject)),
        ]
        o.reserveCapacity(14)
        if r.isEventNotice { o.append(("event", .string(r.subject))) }
        o.append(("to", .strings(r.allPeople)))
        o.append(("escalation", .strings(r.escalation)))
        o.append(("channels", .strings(deliveries.map(\.channel))))
        o.append(("ordinal", r.ordinal > 0 && !r.isDigest ? .int(r.ordinal) : .null))
        o.append(("lead", .optional(r.lead?.description)))
        o.append(("deadline", .optional(r.deadline.map(UTCStamp.iso))))
        o.append(("merged", .strings(r.mergedKinds.map(\.rawValue))))
        if r.isDigest {
            o.append(("period", .string(r.period.description)))
            o.append(("keys", .strings(digestKeys(r))))
        } else {
            o.append(("keys", .strings(deliveries.map(\.key))))
        }
        return .object(o)
    }

    /// `entry(r).write(into:pretty:indent: 1)`, without building the value first: half a
    /// million entries made that the larger part of a big agenda's time.
    func writeEntry(_ r: Reminder, into out: inout [UInt8], pretty: Bool) {
        let channels = planner.channels(for: r)
        var o = EntryWriter(out: out, pretty: pretty)
        out = []
        o.open()
        o.stamp("at") { UTCStamp.appendISO(r.at, to: &$0) }
        o.stamp("local") { Self.appendLocalISO(r.at, planner.config.calendar, to: &$0) }
        o.string("kind", r.kind.rawValue)
        o.string("item", r.subject)
        if r.isEventNotice { o.string("event", r.subject) }
        o.people("to", r)
        o.strings("escalation", r.escalation)
        o.strings("channels", channels)
        if r.ordinal > 0 && !r.isDigest { o.raw("ordinal", Array(String(r.ordinal).utf8)) } else { o.raw("ordinal", Self.null) }
        if let lead = r.lead { o.string("lead", lead.description) } else { o.raw("lead", Self.null) }
        if let d = r.deadline { o.stamp("deadline") { UTCStamp.appendISO(d, to: &$0) } } else { o.raw("deadline", Self.null) }
        o.strings("merged", r.mergedKinds.map(\.rawValue))
        if r.isDigest {
            o.string("period", r.period.description)
            o.strings("keys", digestKeys(r))
        } else {
            o.keys(r, channels)
        }
        o.close()
        out = o.out
    }

    private static let null = Array("null".utf8)

    /// A digest moment's keys: one per person it may go to and channel that reaches them.
    func digestKeys(_ r: Reminder) -> [String] {
        r.people.flatMap { p in planner.deliveries(for: Planner.digest(r, for: p)).map(\.key) }
    }

    /// `localISO(_:_:)` appended to a UTF-8 buffer.
    static func appendLocalISO(_ date: Date, _ cal: WorkCalendar, to out: inout [UInt8]) {
        // One look-up of the zone's offset gives both the local time and the offset.
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let off = cal.offset(atUTC: t)
        let l = t + off
        let day = Int((Double(l) / 86_400).rounded(.down))
        let (d, s) = (LocalDate(dayNumber: day), l - day * 86_400)
        UTCStamp.appendDate(d, to: &out)
        out.append(UInt8(ascii: "T"))
        UTCStamp.appendClock(s, to: &out)
        out.append(off < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        Digits.append(abs(off) / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        Digits.append((abs(off) / 60) % 60, width: 2, to: &out)
    }
}

/// The fields of one agenda entry, laid out as `JSON.write` lays out an object at depth 1.
private struct EntryWriter {
    var out: [UInt8]
    let pretty: Bool
    var first = true

    init(out: [UInt8], pretty: Bool) {
        self.out = out
        self.pretty = pretty
    }

    mutating func open() { out.append(0x7B) }

    mutating func close() {
        if pretty { out += [0x0A, 0x20, 0x20] }
        out.append(0x7D)
    }

    /// Field names are literals that need no escaping: copied as they are.
    private mutating func key(_ k: StaticString) {
        if !first { out.append(0x2C) }
        first = false
        if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20] }
        out.append(0x22)
        out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        out.append(0x22)
        out.append(0x3A)
        if pretty { out.append(0x20) }
    }

    mutating func string(_ k: StaticString, _ v: String) {
        key(k)
        JSON.escape(v, into: &out)
    }

    /// A value that needs no escaping (a time stamp), written by `body` between quotes.
    mutating func stamp(_ k: StaticString, _ body: (inout [UInt8]) -> Void) {
        key(k)
        out.append(0x22)
        body(&out)
        out.append(0x22)
    }

    mutating func raw(_ k: StaticString, _ bytes: [UInt8]) {
        key(k)
        out += bytes
    }

    /// `r.allPeople`, without building the list.
    mutating func people(_ k: StaticString, _ r: Reminder) {
        key(k)
        out.append(0x5B)
        var n = 0
        func one(_ s: String) {
            if n > 0 { out.append(0x2C) }
            if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20] }
            JSON.escape(s, into: &out)
            n += 1
        }
        for (i, p) in r.people.enumerated() where !r.people[..<i].contains(p) { one(p) }
        for (i, p) in r.escalation.enumerated() where !r.people.contains(p) && !r.escalation[..<i].contains(p) { one(p) }
        if pretty && n > 0 { out += [0x0A, 0x20, 0x20, 0x20, 0x20] }
        out.append(0x5D)
    }

    /// `channels.map { r.key(channel: $0) }`, the keys written straight to bytes.
    mutating func keys(_ r: Reminder, _ channels: [String]) {
        key("keys")
        guard !channels.isEmpty else { out += [0x5B, 0x5D]; return }
        var stem: [UInt8] = []
        stem.reserveCapacity(48)
        stem += r.subject.utf8
        stem.append(0x2F)
        stem += r.kind.rawValue.utf8
        stem.append(0x2F)
        UTCStamp.appendCompact(r.at, to: &stem)
        stem.append(0x2F)
        out.append(0x5B)
        for (i, c) in channels.enumerated() {
            if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20] }
            var whole = stem
            whole += c.utf8
            JSON.escape(bytes: whole, into: &out)
            if i < channels.count - 1 { out.append(0x2C) }
        }
        if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20] }
        out.append(0x5D)
    }

    mutating func strings(_ k: StaticString, _ list: [String]) {
        key(k)
        guard !list.isEmpty else { out += [0x5B, 0x5D]; return }
        out.append(0x5B)
        for (i, s) in list.enumerated() {
            if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20] }
            JSON.escape(s, into: &out)
            if i < list.count - 1 { out.append(0x2C) }
        }
        if pretty { out += [0x0A, 0x20, 0x20, 0x20, 0x20] }
        out.append(0x5D)
    }
}
