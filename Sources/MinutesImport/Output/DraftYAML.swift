import Foundation

/// The YAML draft: a file to `include` from the main config. It carries the items and the
/// events and meeting series they need, never people (the owners seen are listed in a
/// comment). Items without an owner are written commented out, so the draft passes
/// `remindd check` as it is and the reviewer sees what needs a decision; so are the
/// possible actions scored below `--min-confidence`, after the items, with their quote.
public enum DraftYAML {
    public struct Options: Sendable {
        /// Leave out `meetings:` because the main config already defines the series.
        public var omitMeetings: Bool
        /// The file the draft came from, for the header comment.
        public var sourceName: String?
        public init(omitMeetings: Bool = false, sourceName: String? = nil) {
            self.omitMeetings = omitMeetings
            self.sourceName = sourceName
        }
    }

    public static func render(_ r: ImportResult, options: DraftYAML.Options = .init()) -> String {
        var out: [String] = []
        out.append("# Action items drafted by `remindd import`" + (options.sourceName.map { " from \($0)" } ?? "") + ".")
        out.append("# Review every item against the minutes before including this file.")
        if let d = r.meetingDate { out.append("# Meeting: \(r.series) on \(d).") }
        let people = r.peopleSeen
        if people.isEmpty {
            out.append("# Owners seen: none.")
        } else {
            out.append("# Owners seen; define each under people: in the main config (id: name in the minutes):")
            for p in people {
                var line = "#   \(p.id)"
                if p.name != p.id || p.fullName != nil { line += ": \(p.name)" }
                if let full = p.fullName { line += " (\(full))" }
                out.append(line)
            }
        }
        let withMeeting = r.meetingDate != nil
        if withMeeting && !options.omitMeetings {
            out.append("")
            out.append("meetings:")
            out.append("  \(key(r.series)):")
            if let next = r.nextMeetingDate {
                out.append("    dates: [\(r.meetingDate!), \(next)]   # the next meeting's date as the minutes give it")
            } else {
                out.append("    dates: [\(r.meetingDate!)]" + (r.needsNextMeeting ? "   # add the next meeting's date: `next meeting` deadlines need it" : ""))
            }
        }
        if !r.events.isEmpty {
            out.append("")
            out.append("events:")
            for e in r.events {
                out.append("  \(key(e.id)):")
                out.append("    title: \(quote(e.title))")
                if let x = e.expectedText ?? e.expected?.description { out.append("    expected: \(quote(x))") }
                else { out.append("    # expected: YYYY-MM-DD/YYYY-MM-DD   # not found in the minutes") }
            }
        }
        out.append("")
        let active = r.items.filter { $0.owner != nil }
        out.append(active.isEmpty ? "items: []" : "items:")
        for i in r.items {
            let lines = itemLines(i, r, withMeeting: withMeeting)
            if i.owner == nil {
                out.append("  # owner unknown (passive voice in the minutes): set an owner and uncomment")
                out += lines.map { "  # " + $0 }
            } else {
                out += lines.map { "  " + $0 }
            }
        }
        if !r.doubtful.isEmpty {
            // Switched off, not left out: a secretary who reads the quote and sees an action
            // removes the "# " before its lines (each line, comments included, as written).
            out.append("")
            out.append("  # Possible actions scored below --min-confidence, each with its quote. To switch one on,")
            out.append("  # remove the \"# \" in front of its lines" + (active.isEmpty ? " and the [] after items:." : "."))
            for i in r.doubtful {
                let lines = itemLines(i, r, withMeeting: withMeeting)
                if i.owner == nil { out.append("  # (no owner in the minutes: set one for owner: TODO)") }
                out += lines.map { "  # " + $0 }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func itemLines(_ i: DraftItem, _ r: ImportResult, withMeeting: Bool) -> [String] {
        var l: [String] = []
        l.append("- id: \(key(i.id))")
        l.append("  title: \(quote(i.title))")
        l.append("  owner: \(i.ownerID.map(key) ?? "TODO")")
        if !i.with.isEmpty { l.append("  with: [\(i.withIDs.map(key).joined(separator: ", "))]") }
        if withMeeting { l.append("  meeting: \(quote("\(r.series)@\(r.meetingDate!)"))") }
        if let d = i.due {
            l.append("  due: \(quote(d))" + (i.deadline.map { "   # \($0)" } ?? ""))
        }
        var note = "  # line \(i.line), confidence \(String(format: "%.2f", i.confidence))"
        if !i.involved.isEmpty { note += "; involved: \(i.involved.joined(separator: ", "))" }
        if let p = i.duePhrase, i.due == nil { note += "; no date in \"\(p)\"" }
        l.append(note)
        l.append("  # \(String(i.quote.prefix(300)).replacingOccurrences(of: "\n", with: " "))")
        return l
    }

    /// A double-quoted YAML scalar: safe for colons, quotes, `#`, leading dashes and any
    /// non-ASCII text.
    static func quote(_ s: String) -> String {
        var o = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += "\\n"
            case "\t": o += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    o += String(format: "\\u%04X", u.value)
                } else {
                    o.unicodeScalars.append(u)
                }
            }
        }
        return o + "\""
    }

    /// Ids are slugs and need no quotes; anything else is quoted.
    static func key(_ s: String) -> String {
        s.allSatisfy { $0.isASCII && ($0.isLetterOrDigit || $0 == "-" || $0 == "_") } && s.first?.isLetter == true ? s : quote(s)
    }
}
