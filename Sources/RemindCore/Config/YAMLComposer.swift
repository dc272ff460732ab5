// The one file that talks to libyaml directly. Yams (an allowed dependency) vendors libyaml
// as its CYaml module; composing from its events here keeps the tree small (see YAMLNode).
import CYaml

/// Builds a `YAMLNode` tree from YAML text, one document, the way Yams's `compose` did:
/// same marks, same syntax errors, duplicate keys and undefined aliases refused, a second
/// document refused.
struct YAMLComposer: Sendable {
    /// When set, each element of the root mapping's `items:` list is handed over as soon as
    /// it is complete instead of being kept in the tree; the tree then holds an empty list
    /// there. A config of 100,000 items never exists as one tree.
    var itemSink: (@Sendable (YAMLNode) -> Void)?

    /// The document's root, or nil for an empty stream.
    func compose(_ text: String) throws -> YAMLNode? {
        if let result = try text.utf8.withContiguousStorageIfAvailable({ try compose(bytes: $0) }) {
            return result
        }
        let copy = Array(text.utf8)
        return try copy.withUnsafeBufferPointer { try compose(bytes: $0) }
    }

    private func compose(bytes: UnsafeBufferPointer<UInt8>) throws -> YAMLNode? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLSyntaxError(problem: "out of memory", mark: .init(line: 1, column: 1))
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        return try Run(parser: parser, itemSink: itemSink).document()
    }
}

/// One pass over the events.
private final class Run {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let itemSink: (@Sendable (YAMLNode) -> Void)?
    var anchors: [String: YAMLNode] = [:]

    init(parser: UnsafeMutablePointer<yaml_parser_t>, itemSink: (@Sendable (YAMLNode) -> Void)?) {
        self.parser = parser
        self.itemSink = itemSink
    }

    /// An event, owned: deleted when it goes.
    final class Event {
        var raw = yaml_event_t()
        deinit { yaml_event_delete(&raw) }
        var type: yaml_event_type_t { raw.type }
        var mark: YAMLNode.Mark {
            YAMLNode.Mark(line: Int(raw.start_mark.line) + 1, column: Int(raw.start_mark.column) + 1)
        }
    }

    func next() throws -> Event {
        let e = Event()
        guard yaml_parser_parse(parser, &e.raw) == 1 else { throw syntaxError() }
        return e
    }

    func syntaxError() -> YAMLSyntaxError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "cannot parse YAML"
        switch p.error {
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let context = p.context.map {
                (text: String(cString: $0), mark: YAMLNode.Mark(line: Int(p.context_mark.line) + 1,
                                                               column: Int(p.context_mark.column) + 1))
            }
            return YAMLSyntaxError(problem: problem, mark: .init(line: Int(p.problem_mark.line) + 1,
                                                                 column: Int(p.problem_mark.column) + 1),
                                   context: context)
        default:
            return YAMLSyntaxError(problem: problem, mark: .init(line: 1, column: 1))
        }
    }

    func document() throws -> YAMLNode? {
        _ = try next()  // STREAM-START
        let start = try next()
        guard start.type != YAML_STREAM_END_EVENT else { return nil }
        let root = try node(try next(), depth: 0, isItems: false)
        _ = try next()  // DOCUMENT-END
        let after = try next()
        if after.type != YAML_STREAM_END_EVENT {
            throw YAMLSyntaxError(problem: "but found another document", mark: after.mark,
                                  context: ("expected a single document in the stream", .init(line: 1, column: 1)))
        }
        return root
    }

    static func text(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    func register(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ n: YAMLNode) {
        if let name = Self.text(anchor) { anchors[name] = n }
    }

    /// `isItems`: this is the value of the root mapping's `items` key.
    func node(_ e: Event, depth: Int, isItems: Bool) throws -> YAMLNode {
        switch e.type {
        case YAML_SCALAR_EVENT:
            let s = e.raw.data.scalar
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
            let tag = s.quoted_implicit == 1 ? YAMLNode.strTag : Self.text(s.tag)
            let style = YAMLNode.Scalar.Style(rawValue: UInt8(truncatingIfNeeded: s.style.rawValue)) ?? .any
            let n = YAMLNode.scalar(.init(string: value, style: style, tag: tag, mark: e.mark))
            register(s.anchor, n)
            return n
        case YAML_SEQUENCE_START_EVENT:
            var nodes: [YAMLNode] = []
            let stream = isItems && itemSink != nil && e.raw.data.sequence_start.anchor == nil
            while true {
                let child = try next()
                if child.type == YAML_SEQUENCE_END_EVENT { break }
                let n = try node(child, depth: depth + 1, isItems: false)
                if stream { itemSink!(n) } else { nodes.append(n) }
            }
            let n = YAMLNode.sequence(.init(nodes: nodes, mark: e.mark))
            register(e.raw.data.sequence_start.anchor, n)
            return n
        case YAML_MAPPING_START_EVENT:
            var pairs: [YAMLNode.Pair] = []
            while true {
                let k = try next()
                if k.type == YAML_MAPPING_END_EVENT { break }
                let key = try node(k, depth: depth + 1, isItems: false)
                let items = depth == 0 && key.string == "items" && !pairs.contains { $0.key.string == "items" }
                let value = try node(try next(), depth: depth + 1, isItems: items)
                pairs.append(.init(key: key, value: value))
            }
            try Self.checkDuplicates(pairs)
            let n = YAMLNode.mapping(.init(pairs: pairs, mark: e.mark))
            register(e.raw.data.mapping_start.anchor, n)
            return n
        case YAML_ALIAS_EVENT:
            guard let name = Self.text(e.raw.data.alias.anchor), let n = anchors[name] else {
                throw YAMLSyntaxError(problem: "found undefined alias", mark: e.mark)
            }
            return n
        default:
            throw YAMLSyntaxError(problem: "unexpected event", mark: e.mark)
        }
    }

    /// Yams refused a mapping whose keys repeat: all repeated keys named, in order, at the
    /// first place the first of them appears.
    static func checkDuplicates(_ pairs: [YAMLNode.Pair]) throws {
        guard pairs.count > 1 else { return }
        // A config's mappings are small: comparing each key with the ones before it beats
        // hashing them.
        if pairs.count <= 16 {
            var clash = false
            outer: for i in 1..<pairs.count {
                guard case .scalar(let a) = pairs[i].key else { continue }
                for j in 0..<i {
                    if case .scalar(let b) = pairs[j].key, a.string == b.string { clash = true; break outer }
                }
            }
            if !clash { return }
        }
        var seen: [String: YAMLNode.Mark] = [:]
        var repeated: Set<String> = []
        for pair in pairs {
            guard case .scalar(let s) = pair.key else { continue }
            if seen[s.string] == nil { seen[s.string] = s.mark } else { repeated.insert(s.string) }
        }
        guard let first = repeated.min() else { return }
        throw YAMLSyntaxError(problem: "duplicate keys", mark: seen[first]!, duplicateKeys: repeated.sorted())
    }
}
