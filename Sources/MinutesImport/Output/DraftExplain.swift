/// `remindd import --explain`: the draft with its reasons, for a secretariat that wants to
/// know why an item is there before trusting it, and why a sentence that looks like an
/// action is not. Per item the rule or marker that found it, who it names and why, and
/// what raised or lowered its confidence; then the possible actions left below the
/// threshold; then the sentences not taken, each with why not.
public enum DraftExplain {
    public static func render(_ r: ImportResult) -> String {
        var out: [String] = []
        out.append("Meeting: \(r.series)" + (r.meetingDate.map { " on \($0)" } ?? " (no date found)"))
        out.append("")
        out.append("Taken (\(r.items.count)):")
        for i in r.items { out += item(i) }
        if !r.doubtful.isEmpty {
            out.append("")
            out.append("Possible, below --min-confidence (commented out in the YAML) (\(r.doubtful.count)):")
            for i in r.doubtful { out += item(i) }
        }
        if !r.rejected.isEmpty {
            out.append("")
            out.append("Not taken (\(r.rejected.count)):")
            for x in r.rejected {
                out.append("  line \(x.line): \"\(clip(x.quote))\"")
                out.append("    why not: \(x.reason)")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func item(_ i: DraftItem) -> [String] {
        var l = ["  line \(i.line): \(i.id) (confidence \(String(format: "%.2f", i.confidence)))"]
        l.append("    \"\(clip(i.quote))\"")
        l.append("    owner: \(i.owner ?? "none")" + (i.with.isEmpty ? "" : "; with: \(i.with.joined(separator: ", "))")
                 + (i.due.map { "; due: \($0)" } ?? ""))
        for w in i.why { l.append("    why: \(w)") }
        return l
    }

    static func clip(_ s: String) -> String { s.count > 160 ? String(s.prefix(157)) + "…" : s }
}
