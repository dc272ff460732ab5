/// `pdftotext -layout` keeps a table's columns by padding with spaces: no bars, no tabs.
/// A line whose space-separated cells name an actions table's columns (Actie, Wie,
/// Wanneer; Action, Owner, Due) is its header; the lines below it whose cells line up with
/// those columns are its rows, and a line with the first column empty continues the row
/// above (a wrapped cell). They are rewritten as `| a | b |` rows, so the rest of the
/// importer reads them like any other table. Lines keep their numbers.
enum LayoutTable {
    struct Cell {
        var start: Int
        var text: String
    }

    /// Cells of a line: runs of text separated by two or more spaces, with their columns.
    static func cells(_ line: String) -> [Cell] {
        var out: [Cell] = []
        var current = ""
        var start = 0
        var spaces = 0
        for (i, c) in line.enumerated() {
            if c == " " {
                spaces += 1
                continue
            }
            if !current.isEmpty, spaces >= 2 {
                out.append(Cell(start: start, text: current))
                current = ""
            }
            if current.isEmpty {
                start = i
            } else if spaces == 1 {
                current += " "
            }
            spaces = 0
            current.append(c)
        }
        if !current.isEmpty { out.append(Cell(start: start, text: current)) }
        return out
    }

    /// The column each word falls in: the last column starting at or before it (two
    /// characters of slack for ragged alignment). Word by word, because a narrow column
    /// leaves a single space before the next one ("scoffir 2020-10-04" under Wie and
    /// Deadline), which reads as one cell.
    static func assign(_ cs: [Cell], to starts: [Int]) -> [String] {
        var cols = Array(repeating: "", count: starts.count)
        for c in cs {
            var offset = c.start
            for word in c.text.split(separator: " ", omittingEmptySubsequences: false) {
                let k = starts.lastIndex { $0 <= offset + 2 } ?? 0
                if !word.isEmpty { cols[k] = cols[k].isEmpty ? String(word) : cols[k] + " " + word }
                offset += word.count + 1
            }
        }
        return cols
    }

    /// Runs of two or more spaces in `line`, counted on its bytes.
    static func gaps(_ line: String) -> Int {
        var n = 0, run = 0
        for b in line.utf8 {
            if b == 0x20 { run += 1; if run == 2 { n += 1 } } else { run = 0 }
        }
        return n
    }

    static func render(_ cols: [String]) -> String {
        "| " + cols.joined(separator: " | ") + " |"
    }

    static func convert(_ lines: [String]) -> [String] {
        var out = lines
        var i = 0
        while i < lines.count {
            // A header has three cells or more: two gaps of two spaces at least.
            guard lines[i].utf8.count >= 8, Self.gaps(lines[i]) >= 2 else { i += 1; continue }
            let header = cells(lines[i])
            guard header.count >= 3, !lines[i].contains("|"), !lines[i].contains("\t"),
                  ActionTable.header(header.map(\.text)) != nil else { i += 1; continue }
            let starts = header.map(\.start)
            out[i] = render(header.map(\.text))
            var rows: [Int: [String]] = [:]
            var last: Int?
            var blanks = 0
            var j = i + 1
            while j < lines.count {
                let t = lines[j].trimmedSpaces
                if t.isEmpty || PageNoise.isPageNumber(t) {
                    blanks += 1
                    if blanks > 1 { break }
                    j += 1
                    continue
                }
                let cs = cells(lines[j])
                let cols = assign(cs, to: starts)
                let filled = cols.filter { !$0.isEmpty }.count
                if cols[0].isEmpty, let l = last, blanks == 0, cs.first.map({ $0.start >= starts[1] - 2 }) == true {
                    // A wrapped cell: its words belong to the row above.
                    for k in cols.indices where !cols[k].isEmpty {
                        rows[l]![k] = rows[l]![k].isEmpty ? cols[k] : rows[l]![k] + " " + cols[k]
                    }
                    out[j] = ""
                } else if filled >= 2, cs.count >= 2 || (filled == starts.count && lines[j].count <= lines[i].count + 12) {
                    // Gaps of two spaces, or (narrow columns) every column filled on a line
                    // no longer than the header: prose under a table is neither.
                    rows[j] = cols
                    last = j
                } else {
                    break
                }
                blanks = 0
                j += 1
            }
            for (k, cols) in rows { out[k] = render(cols) }
            i = j
        }
        return out
    }
}
