/// RFC 3676 `format=flowed` (Thunderbird, Apple Mail): a line ending in a space goes on
/// in the next one. Joining them gives back the lines as written, so an "On … wrote:"
/// wrapped by the mailer is one line again and a quote keeps its `>` depth.
enum FlowedText {
    /// `text` has LF line breaks only (`LineBreaks`).
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var lines: [String] = []
        var joined = ""
        var depth = 0
        var open = false
        func emit(_ d: Int) {
            lines.append(d > 0 ? String(repeating: ">", count: d) + " " + joined : joined)
            joined = ""
            open = false
        }
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw
            let d = line.prefix(while: { $0 == ">" }).count
            var content = line.dropFirst(d)
            // Space-stuffing (a line that starts with a space, `>` or `From `).
            if content.hasPrefix(" ") { content = content.dropFirst() }
            // A change of quote depth ends a paragraph; the signature separator never flows.
            if open && d != depth { emit(depth) }
            depth = d
            if content.hasSuffix(" ") && content != "-- " {
                joined += deleteSpace ? content.dropLast() : content
                open = true
            } else {
                joined += content
                emit(d)
            }
        }
        if open { emit(depth) }
        return lines.joined(separator: "\n")
    }
}
