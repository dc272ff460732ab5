/// A message template parsed once into a tree and resolved against a `TemplateSchema`, so
/// rendering is plain switches over typed values: no `[String: Any]`, no dynamic casts, no
/// `Mirror`, no name lookups. It covers the part of Mustache the message templates use —
/// text, `{{x}}`/`{{{x}}}`/`{{&x}}` (all unescaped: the templates are TEXT), sections,
/// inverted sections, comments, dotted names, `{{.}}` on a text or number — and renders
/// exactly what swift-mustache (2.1) renders for them, whitespace included. `init` returns
/// nil for anything else (partials, set delimiters, transforms, inheritance, pragmas of its
/// own, a list or a whole object shown as text); the renderer keeps swift-mustache for those.
///
/// Byte-for-byte agreement rests on two things. The parser below follows swift-mustache's
/// parser step by step (its standalone-line rules differ from the Mustache spec in a few
/// corners, e.g. after a section's closing tag, and those must be followed too). Names are
/// resolved as swift-mustache resolves them in our contexts: from the innermost frame that
/// has the name — a `waiting` entry has `id` and `title`, the message has every schema
/// name, a pushed text or number has no children — and a dotted name's later parts are
/// never found (texts, flags, numbers and lists have no named children).
struct CompiledTemplate: Sendable {
    /// Where a shown or pushed value comes from.
    enum Ref: Sendable, Equatable {
        /// A name of the message.
        case root(Int)
        /// A field of the list entry pushed at this depth.
        case entry(depth: Int, field: Int)
        /// The text or number pushed at this depth (`{{.}}`).
        case frame(Int)
    }

    indirect enum Node: Sendable, Equatable {
        case text(String)
        /// A text, flag (`true`/`false`) or number, unescaped.
        case show(Ref)
        /// A flag section (`wanted` true) or inverted flag section (false). Pushes nothing.
        case when(slot: Int, wanted: Bool, [Node])
        /// A section over a text or number: always rendered, even for an empty text, with
        /// the value pushed. (An inverted section over one never renders and is dropped.)
        case push(Ref, [Node])
        /// A section over a list: once per entry, the entry pushed.
        case each(slot: Int, [Node])
        /// An inverted section over a list: when it is empty, the empty list pushed.
        case whenEmpty(slot: Int, [Node])
    }

    let nodes: [Node]
    let schema: TemplateSchema
    /// Bytes to reserve for the output: the text, and some for each value shown.
    private let estimate: Int

    /// The prefix `MessageRenderer` gives every template (and swift-mustache parses with it).
    static let prefix = "{{% CONTENT_TYPE: TEXT}}"

    /// Compiles `template` (without `prefix`), or nil when it uses anything this does not
    /// render exactly as swift-mustache does.
    init?(_ template: String, schema: TemplateSchema) {
        do {
            var parser = Parser(Self.prefix + template)
            let tags = try parser.parseAll()
            let resolver = Resolver(schema: schema)
            nodes = try resolver.compile(tags, frames: [])
        } catch {
            return nil
        }
        self.schema = schema
        estimate = Self.estimate(nodes)
    }

    /// Renders the template with `values`, one per name of the schema it was compiled for.
    func render(_ values: [TemplateValue]) -> String {
        assert(schema.accepts(values), "values do not match the template's schema")
        var out = ""
        out.reserveCapacity(estimate)
        var frames: [Frame] = []
        Self.render(nodes, values, &frames, into: &out)
        return out
    }

    // MARK: Rendering

    private enum Frame {
        case entry([String])
        case value(TemplateValue)
        case emptyList
    }

    private static func render(_ nodes: [Node], _ values: [TemplateValue], _ frames: inout [Frame], into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let s):
                out += s
            case .show(let ref):
                switch value(ref, values, frames) {
                case .text(let s): out += s
                case .flag(let b): out += b ? "true" : "false"
                case .number(let n): out += String(n)
                case .list: break  // not compiled
                }
            case .when(let slot, let wanted, let body):
                if case .flag(let b) = values[slot], b == wanted {
                    render(body, values, &frames, into: &out)
                }
            case .push(let ref, let body):
                frames.append(.value(value(ref, values, frames)))
                render(body, values, &frames, into: &out)
                frames.removeLast()
            case .each(let slot, let body):
                guard case .list(let entries) = values[slot] else { continue }
                for entry in entries {
                    frames.append(.entry(entry))
                    render(body, values, &frames, into: &out)
                    frames.removeLast()
                }
            case .whenEmpty(let slot, let body):
                guard case .list(let entries) = values[slot], entries.isEmpty else { continue }
                frames.append(.emptyList)
                render(body, values, &frames, into: &out)
                frames.removeLast()
            }
        }
    }

    private static func value(_ ref: Ref, _ values: [TemplateValue], _ frames: [Frame]) -> TemplateValue {
        switch ref {
        case .root(let slot):
            return values[slot]
        case .entry(let depth, let field):
            guard case .entry(let entry) = frames[depth] else { return .text("") }
            return .text(entry[field])
        case .frame(let depth):
            guard case .value(let value) = frames[depth] else { return .text("") }
            return value
        }
    }

    private static func estimate(_ nodes: [Node]) -> Int {
        nodes.reduce(0) { sum, node in
            switch node {
            case .text(let s): sum + s.utf8.count
            case .when(_, _, let body), .push(_, let body), .each(_, let body), .whenEmpty(_, let body):
                sum + estimate(body)
            case .show: sum + 48
            }
        }
    }
}

// MARK: Parsing

extension CompiledTemplate {
    /// Thrown for anything not compiled; the template stays with swift-mustache.
    struct Unsupported: Error {}

    /// A parsed tag or text, before names are resolved.
    indirect enum Tag: Equatable {
        case text(String)
        case variable(String)
        case section(String, [Tag])
        case invertedSection(String, [Tag])
    }

    /// swift-mustache's parser (`MustacheTemplate.parse` in Template+Parser.swift, 2.1),
    /// followed step by step on the same grapheme clusters for the tags compiled here; it
    /// throws `Unsupported` at any other tag. Templates reach it only after swift-mustache
    /// has parsed them without error, so its own errors never need reporting.
    struct Parser {
        private let chars: [Character]
        private var pos = 0

        init(_ text: String) { chars = Array(text) }

        private struct State {
            var sectionName: String?
            var newLine: Bool
        }

        mutating func parseAll() throws -> [Tag] {
            try parse(State(sectionName: nil, newLine: true))
        }

        private var atEnd: Bool { pos == chars.count }
        /// `Parser.current()`: the character at the position, or NUL at the end.
        private var current: Character { atEnd ? "\0" : chars[pos] }

        private mutating func parse(_ initial: State) throws -> [Tag] {
            var tags: [Tag] = []
            var state = initial
            var whiteSpaceBefore = ""
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tags.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
            }
            while !atEnd {
                if state.newLine {
                    whiteSpaceBefore = read { $0 == " " || $0 == "\t" }
                }
                let text = try readUntilDelimiterOrNewline()
                // A newline ends the text (also one right after `{{`: swift-mustache drops
                // the `{{` then).
                if current.isNewline {
                    tags.append(.text(whiteSpaceBefore + text + String(current)))
                    state.newLine = true
                    pos += 1
                    continue
                }
                if !text.isEmpty {
                    tags.append(.text(whiteSpaceBefore + text))
                    whiteSpaceBefore = ""
                    state.newLine = false
                }
                if atEnd { break }
                let tagStart = pos - 2
                var setNewLine = false
                switch current {
                case "#", "^":
                    let inverted = current == "^"
                    pos += 1
                    let name = try parseName()
                    if isStandalone(state) {
                        setNewLine = true
                    } else {
                        flushWhiteSpace()
                    }
                    let body = try parse(State(sectionName: name, newLine: setNewLine))
                    tags.append(inverted ? .invertedSection(name, body) : .section(name, body))
                case "/":
                    pos += 1
                    let name = try parseName()
                    guard name == state.sectionName else { throw Unsupported() }
                    if !isStandalone(state) {
                        flushWhiteSpace()
                    }
                    // The enclosing level goes on with the newline state of the opening tag.
                    return tags
                case "!":
                    pos += 1
                    try skipComment()
                    setNewLine = isStandalone(state)
                case "%":
                    // Only the content-type pragma the renderer puts first.
                    guard tagStart == 0 else { throw Unsupported() }
                    pos += 1
                    try readContentTypeText()
                    setNewLine = isStandalone(state)
                case "{":
                    flushWhiteSpace()
                    pos += 1
                    let name = try parseName()
                    guard !atEnd, current == "}" else { throw Unsupported() }
                    pos += 1
                    tags.append(.variable(name))
                case "&":
                    flushWhiteSpace()
                    pos += 1
                    tags.append(.variable(try parseName()))
                case ">", "<", "$", "=":
                    throw Unsupported()  // partials, inheritance, blocks, set delimiters
                default:
                    flushWhiteSpace()
                    tags.append(.variable(try parseName()))
                }
                state.newLine = setNewLine
            }
            guard state.sectionName == nil else { throw Unsupported() }
            return tags
        }

        /// Text up to a newline (not consumed) or up to and including `{{`.
        private mutating func readUntilDelimiterOrNewline() throws -> String {
            var text = ""
            while !atEnd {
                while !atEnd, chars[pos] != "\n", chars[pos] != "\r\n", chars[pos] != "{" {
                    text.append(chars[pos])
                    pos += 1
                }
                if current.isNewline {
                    break
                } else if current == "{" {
                    if try read(string: "{{") { break }
                    text.append("{")
                    pos += 1
                }
            }
            return text
        }

        /// `Parser.read(string:)`: throws when fewer characters are left than asked for.
        private mutating func read(string: String) throws -> Bool {
            let wanted = Array(string)
            guard chars.count - pos >= wanted.count else { throw Unsupported() }
            guard Array(chars[pos..<pos + wanted.count]) == wanted else { return false }
            pos += wanted.count
            return true
        }

        @discardableResult
        private mutating func read(while predicate: (Character) -> Bool) -> String {
            let start = pos
            while !atEnd, predicate(chars[pos]) { pos += 1 }
            return String(chars[start..<pos])
        }

        private static let nameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
        private static let nameCharsWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")

        private mutating func parseName() throws -> String {
            read { $0.isWhitespace }
            let name = read { Self.nameChars.contains($0) }
            read { $0.isWhitespace }
            guard try read(string: "}}") else { throw Unsupported() }
            // Brackets make a transform call (`{{lowercased(title)}}`).
            guard !name.contains("("), !name.contains(")") else { throw Unsupported() }
            return name
        }

        private mutating func skipComment() throws {
            while pos + 1 < chars.count {
                if chars[pos] == "}" && chars[pos + 1] == "}" {
                    pos += 2
                    return
                }
                pos += 1
            }
            throw Unsupported()
        }

        /// `{{% CONTENT_TYPE: TEXT}}`, after the `%`.
        private mutating func readContentTypeText() throws {
            read { $0.isWhitespace }
            let variable = read { Self.nameCharsWithoutBrackets.contains($0) }
            read { $0.isWhitespace }
            guard !atEnd, current == ":" else { throw Unsupported() }
            pos += 1
            read { $0.isWhitespace }
            let value = read { Self.nameCharsWithoutBrackets.contains($0) }
            read { $0.isWhitespace }
            guard try read(string: "}}"), variable == "CONTENT_TYPE", value == "TEXT" else { throw Unsupported() }
        }

        /// Standalone when the line started before this tag (`state.newLine`) and only
        /// spaces or tabs follow it up to a newline, which is then consumed; also at the end.
        private mutating func isStandalone(_ state: State) -> Bool {
            guard state.newLine else { return false }
            if atEnd { return true }
            var p = pos
            while p < chars.count, chars[p] == " " || chars[p] == "\t" { p += 1 }
            if p < chars.count, chars[p].isNewline {
                pos = p + 1
                return true
            }
            return false
        }
    }
}

// MARK: Resolving names

extension CompiledTemplate {
    /// Resolves parsed tags against the schema, knowing at each point what swift-mustache's
    /// context stack would hold: the message, then the frames sections pushed.
    struct Resolver {
        let schema: TemplateSchema

        enum StaticFrame {
            case entry(fields: [String])
            case text
            case number
            case emptyList
        }

        /// What a name stands for where it is used.
        enum Resolved {
            case root(Int, TemplateSchema.Kind)
            case entryField(depth: Int, field: Int)
            case frame(depth: Int, StaticFrame)
            case missing
        }

        func resolve(_ name: String, _ frames: [StaticFrame]) throws -> Resolved {
            if name == "." {
                guard let top = frames.last else { throw Unsupported() }  // the message itself
                switch top {
                case .text, .number: return .frame(depth: frames.count - 1, top)
                case .entry, .emptyList: throw Unsupported()  // shown as a dictionary or array
                }
            }
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            // `{{}}`, `{{.x}}`, `{{x.}}` and `{{a..b}}` have lookups of their own.
            guard !parts.contains(where: \.isEmpty) else { throw Unsupported() }
            let first = String(parts[0])
            // An object of the message (`links`): its fields are names of their own
            // (`links.done`), unless an entry pushed in between has a field of that name;
            // the object itself, shown or tested, is left to swift-mustache.
            if schema.objectNames.contains(first),
               !frames.contains(where: { if case .entry(let f) = $0 { return f.contains(first) } else { return false } }) {
                guard parts.count == 2, let slot = schema.slot(name) else { throw Unsupported() }
                return .root(slot, schema.kinds[slot])
            }
            var found: Resolved = .missing
            search: for depth in frames.indices.reversed() {
                if case .entry(let fields) = frames[depth], let field = fields.firstIndex(of: first) {
                    found = .entryField(depth: depth, field: field)
                    break search
                }
                // texts, numbers and lists have no named children
            }
            if case .missing = found, let slot = schema.slot(first) {
                found = .root(slot, schema.kinds[slot])
            }
            // The first part found, the rest is looked up in its value, which has no
            // named children: swift-mustache gives nil and does not search further out.
            return parts.count > 1 ? .missing : found
        }

        func compile(_ tags: [Tag], frames: [StaticFrame]) throws -> [Node] {
            var nodes: [Node] = []
            func add(_ text: String) {
                guard !text.isEmpty else { return }
                if case .text(let before) = nodes.last {
                    nodes[nodes.count - 1] = .text(before + text)
                } else {
                    nodes.append(.text(text))
                }
            }
            for tag in tags {
                switch tag {
                case .text(let text):
                    add(text)

                case .variable(let name):
                    switch try resolve(name, frames) {
                    case .root(let slot, .text), .root(let slot, .flag), .root(let slot, .number):
                        nodes.append(.show(.root(slot)))
                    case .root(_, .list):
                        throw Unsupported()  // an array of dictionaries, described
                    case .entryField(let depth, let field):
                        nodes.append(.show(.entry(depth: depth, field: field)))
                    case .frame(let depth, _):
                        nodes.append(.show(.frame(depth)))
                    case .missing:
                        break
                    }

                case .section(let name, let body):
                    switch try resolve(name, frames) {
                    case .root(let slot, .flag):
                        nodes.append(.when(slot: slot, wanted: true, try compile(body, frames: frames)))
                    case .root(let slot, .text):
                        nodes.append(.push(.root(slot), try compile(body, frames: frames + [.text])))
                    case .root(let slot, .number):
                        nodes.append(.push(.root(slot), try compile(body, frames: frames + [.number])))
                    case .root(let slot, .list(let fields)):
                        nodes.append(.each(slot: slot, try compile(body, frames: frames + [.entry(fields: fields)])))
                    case .entryField(let depth, let field):
                        nodes.append(.push(.entry(depth: depth, field: field), try compile(body, frames: frames + [.text])))
                    case .frame(let depth, let frame):
                        nodes.append(.push(.frame(depth), try compile(body, frames: frames + [frame])))
                    case .missing:
                        break  // never rendered
                    }

                case .invertedSection(let name, let body):
                    switch try resolve(name, frames) {
                    case .root(let slot, .flag):
                        nodes.append(.when(slot: slot, wanted: false, try compile(body, frames: frames)))
                    case .root(let slot, .list):
                        nodes.append(.whenEmpty(slot: slot, try compile(body, frames: frames + [.emptyList])))
                    case .root(_, .text), .root(_, .number), .entryField, .frame:
                        break  // a value is there, even an empty text: never rendered
                    case .missing:
                        for node in try compile(body, frames: frames) {
                            if case .text(let text) = node { add(text) } else { nodes.append(node) }
                        }
                    }
                }
            }
            return nodes
        }
    }
}
