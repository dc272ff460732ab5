/// The text of an HTML reply, with the quoted history taken out by its HTML shape first:
/// the markup says where a quote is more reliably than the text it leaves behind.
///
/// - A quote (`<blockquote>`, Apple Mail's and Thunderbird's `type="cite"` among them;
///   Gmail's `<div class="gmail_quote">`; Yahoo's `yahoo_quoted`) is dropped with all it
///   holds and leaves one `>` line, so the text rules see where it was (an answer written
///   below a quote stays readable).
/// - Outlook's reply header (`<div id="divRplyFwdMsg">`, `<div id="appendonsend">`, and
///   the `border-top` separator `<div>` Outlook desktop writes above "Van:/From:") ends
///   the text: everything after it is the message replied to.
/// - `script`, `style`, `title` and comments are dropped; `<br>` and block elements break
///   lines; runs of white space are one space (except in `<pre>`); character references
///   are decoded.
///
/// One pass over the bytes; a tag, comment or raw-text element that never ends is dropped
/// or ignored without a second look, so no input makes the work grow faster than its size.
public enum HTMLText {
    public static func reduce(_ html: String, limit: Int = MIMEMessage.maxTextBytes) -> String {
        var r = Reducer(Array(html.utf8), limit: limit)
        r.run()
        return String(decoding: Self.spacesOut(r.out), as: UTF8.self)
    }

    /// No-break spaces made spaces, and a line of nothing but spaces made empty: Outlook
    /// writes an empty paragraph as `<p>&nbsp;</p>`, which shows as an empty line.
    static func spacesOut(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var lineStart = 0
        var onlySpaces = true
        var i = 0
        while i < b.count {
            if b[i] == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0 {
                out.append(0x20)
                i += 2
                continue
            }
            if b[i] == 0x0A {
                if onlySpaces { out.removeSubrange(lineStart...) }
                out.append(0x0A)
                lineStart = out.count
                onlySpaces = true
            } else {
                if b[i] != 0x20 { onlySpaces = false }
                out.append(b[i])
            }
            i += 1
        }
        if onlySpaces { out.removeSubrange(lineStart...) }
        return out
    }
}

private struct Reducer {
    let b: [UInt8]
    let limit: Int
    var out: [UInt8] = []
    var i = 0
    var pendingSpace = false
    var preDepth = 0
    /// Inside a dropped quote: the quote's tag name and how deep in it we are.
    var quote: (name: [UInt8], depth: Int)?
    /// Raw-text elements whose end tag was looked for and is not there.
    var unclosed: Set<[UInt8]> = []

    init(_ b: [UInt8], limit: Int) {
        self.b = b
        self.limit = limit
        out.reserveCapacity(min(b.count, limit))
    }

    static let blocks: Set<[UInt8]> = Set([
        "address", "article", "aside", "blockquote", "body", "center", "dd", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot", "thead", "tr", "ul",
    ].map { Array($0.utf8) })
    static let cells: Set<[UInt8]> = Set(["td", "th"].map { Array($0.utf8) })
    static let rawText: Set<[UInt8]> = Set(["script", "style", "title", "textarea", "template"].map { Array($0.utf8) })

    mutating func run() {
        while i < b.count && out.count < limit {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                if !markup() { return }
                continue
            }
            if quote != nil {
                i += 1
                continue
            }
            if c == UInt8(ascii: "&") {
                entity()
                continue
            }
            text(c)
            i += 1
        }
    }

    // MARK: Text

    mutating func text(_ c: UInt8) {
        let space = c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
        if preDepth > 0 {
            if c != 0x0D { out.append(c) }
            return
        }
        if space {
            pendingSpace = true
            return
        }
        flushSpace()
        out.append(c)
    }

    mutating func flushSpace() {
        if pendingSpace, let last = out.last, last != 0x0A { out.append(0x20) }
        pendingSpace = false
    }

    mutating func newline() {
        pendingSpace = false
        while out.last == 0x20 { out.removeLast() }
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    mutating func breakLine() {
        pendingSpace = false
        while out.last == 0x20 { out.removeLast() }
        out.append(0x0A)
    }

    /// `&name;`, `&#123;`, `&#x1F;`: decoded; anything else is a plain `&`.
    mutating func entity() {
        var j = i + 1
        var scalar: Unicode.Scalar?
        if j < b.count && b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < b.count && (b[j] | 0x20) == UInt8(ascii: "x") { hex = true; j += 1 }
            var n: UInt32 = 0
            let start = j
            while j < b.count && j - start < 8, let d = hex ? TransferEncoding.hexValue(b[j]) : decimal(b[j]) {
                n = n * (hex ? 16 : 10) + UInt32(d)
                j += 1
            }
            if j > start {
                if j < b.count && b[j] == UInt8(ascii: ";") { j += 1 }
                // White space written as a reference (`&#13;&#10;`) is white space like any
                // other, so no line break gets into the text that did not come from markup.
                if n == 0x09 || n == 0x0A || n == 0x0C || n == 0x0D || n == 0x20 {
                    i = j
                    text(0x20)
                    return
                }
                scalar = HTMLEntities.scalar(number: n)
            }
        } else {
            let start = j
            while j < b.count && j - start <= HTMLEntities.maxNameLength && isAlnum(b[j]) { j += 1 }
            if j > start, j - start <= HTMLEntities.maxNameLength,
               let v = HTMLEntities.named[String(decoding: b[start..<j], as: UTF8.self)] {
                if j < b.count && b[j] == UInt8(ascii: ";") { j += 1 }
                scalar = Unicode.Scalar(v)
            }
        }
        guard let scalar else {
            text(b[i])
            i += 1
            return
        }
        i = j
        // A no-break space stays one (it holds a line open) until `spacesOut`.
        flushSpace()
        out += Array(String(Character(scalar)).utf8)
    }

    func decimal(_ c: UInt8) -> UInt8? { c >= 0x30 && c <= 0x39 ? c - 0x30 : nil }
    func isAlnum(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) }

    // MARK: Markup

    /// At a `<`. False when the rest of the input is to be dropped.
    mutating func markup() -> Bool {
        let next = i + 1 < b.count ? b[i + 1] : 0
        if next == UInt8(ascii: "!") {
            if starts("<!--", at: i) {
                guard let end = find("-->", from: i + 4) else { return false }
                i = end + 3
            } else {
                guard let end = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return false }
                i = end + 1
            }
            return true
        }
        if next == UInt8(ascii: "?") {
            guard let end = b[i...].firstIndex(of: UInt8(ascii: ">")) else { return false }
            i = end + 1
            return true
        }
        let closing = next == UInt8(ascii: "/")
        let nameStart = i + (closing ? 2 : 1)
        guard nameStart < b.count, (b[nameStart] | 0x20) >= 0x61 && (b[nameStart] | 0x20) <= 0x7A else {
            // Not a tag: a plain `<`.
            if quote == nil { text(b[i]) }
            i += 1
            return true
        }
        var j = nameStart
        while j < b.count, isAlnum(b[j]) || b[j] == UInt8(ascii: ":") || b[j] == UInt8(ascii: "-") { j += 1 }
        let name = b[nameStart..<j].map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
        guard let tag = attributes(from: j) else { return false }
        i = tag.end
        if closing {
            endTag(name)
        } else {
            startTag(name, tag.attributes, selfClosing: tag.selfClosing)
        }
        return true
    }

    mutating func startTag(_ name: [UInt8], _ attrs: [String: String], selfClosing: Bool) {
        if var q = quote {
            if name == q.name && !selfClosing { q.depth += 1 }
            quote = q
            return
        }
        if Self.rawText.contains(name) {
            skipRawText(name)
            return
        }
        if endsTheReply(name, attrs) {
            i = b.count
            newline()
            return
        }
        if isQuote(name, attrs) && !selfClosing {
            quote = (name, 1)
            newline()
            out += Array(">\n".utf8)
            return
        }
        if name == Array("br".utf8) {
            breakLine()
        } else if Self.blocks.contains(name) {
            newline()
            if name == Array("pre".utf8) && !selfClosing { preDepth += 1 }
        } else if Self.cells.contains(name) {
            pendingSpace = true
        }
    }

    mutating func endTag(_ name: [UInt8]) {
        if var q = quote {
            if name == q.name {
                q.depth -= 1
                quote = q.depth == 0 ? nil : q
            }
            return
        }
        if Self.blocks.contains(name) {
            newline()
            if name == Array("pre".utf8) && preDepth > 0 { preDepth -= 1 }
        } else if name == Array("br".utf8) {
            breakLine()
        }
    }

    func isQuote(_ name: [UInt8], _ attrs: [String: String]) -> Bool {
        if name == Array("blockquote".utf8) { return true }
        guard name == Array("div".utf8), let cls = attrs["class"] else { return false }
        return cls.split(separator: " ").contains { $0 == "gmail_quote" || $0 == "gmail_quote_container" || $0 == "yahoo_quoted" }
    }

    func endsTheReply(_ name: [UInt8], _ attrs: [String: String]) -> Bool {
        if let id = attrs["id"], id.hasSuffix("divrplyfwdmsg") || id.hasSuffix("appendonsend") { return true }
        guard name == Array("div".utf8) else { return false }
        if let cls = attrs["class"], cls.split(separator: " ").contains("outlookmessageheader") { return true }
        if let style = attrs["style"] {
            let s = style.filter { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
            if s.contains("border-top:solid") || s.contains("border-top-style:solid") { return true }
        }
        return false
    }

    /// After `<script>` (and the like): on to its end tag; without one, the tag alone is
    /// passed over (and the end tag is not looked for again).
    mutating func skipRawText(_ name: [UInt8]) {
        guard !unclosed.contains(name) else { return }
        var j = i
        while let lt = b[j...].firstIndex(of: UInt8(ascii: "<")) {
            if lt + 1 < b.count && b[lt + 1] == UInt8(ascii: "/") && lt + 2 + name.count <= b.count {
                let candidate = b[(lt + 2)..<(lt + 2 + name.count)].map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
                if candidate == name {
                    i = b[(lt + 2)...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? b.count
                    return
                }
            }
            j = lt + 1
        }
        unclosed.insert(name)
    }

    /// The attributes of a tag whose name ended at `start`, up to its `>`; nil if it never
    /// ends. Only the attributes the rules look at are kept, lowercased.
    func attributes(from start: Int) -> (attributes: [String: String], end: Int, selfClosing: Bool)? {
        var attrs: [String: String] = [:]
        var j = start
        var selfClosing = false
        while j < b.count {
            let c = b[j]
            if c == UInt8(ascii: ">") { return (attrs, j + 1, selfClosing) }
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                j += 1
                continue
            }
            if c == UInt8(ascii: "/") {
                selfClosing = true
                j += 1
                continue
            }
            selfClosing = false
            let nameStart = j
            while j < b.count, !(b[j] == UInt8(ascii: "=") || b[j] == UInt8(ascii: ">") || b[j] == UInt8(ascii: "/")
                                 || b[j] <= 0x20) { j += 1 }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
            while j < b.count && b[j] <= 0x20 { j += 1 }
            guard j < b.count, b[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < b.count && b[j] <= 0x20 { j += 1 }
            guard j < b.count else { return nil }
            var valueStart = j
            var valueEnd: Int
            if b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                let q = b[j]
                valueStart = j + 1
                guard let close = b[valueStart...].firstIndex(of: q) else { return nil }
                valueEnd = close
                j = close + 1
            } else {
                while j < b.count && b[j] > 0x20 && b[j] != UInt8(ascii: ">") { j += 1 }
                valueEnd = j
            }
            if name == "class" || name == "id" || name == "style" || name == "type" {
                attrs[name] = String(decoding: b[valueStart..<valueEnd].prefix(1_000), as: UTF8.self).lowercased()
            }
        }
        return nil
    }

    func starts(_ s: String, at j: Int) -> Bool {
        let u = Array(s.utf8)
        return j + u.count <= b.count && b[j..<(j + u.count)].elementsEqual(u)
    }

    func find(_ s: String, from j: Int) -> Int? {
        let u = Array(s.utf8)
        var k = j
        while let f = b[k...].firstIndex(of: u[0]) {
            if starts(s, at: f) { return f }
            k = f + 1
        }
        return nil
    }
}
