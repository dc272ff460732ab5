/// A composed YAML document as the config reader needs it: values as text with their
/// style, explicit tags, and positions; aliases already replaced by what they name.
///
/// Why not Yams's `Node`: every Yams node carries a `Tag` object with a resolver and a
/// constructor, and mapping keys are hashed through regex-based tag resolution. For a
/// config of 100,000 items that tree was 20 times the size of the file, took most of the
/// load time, and left the daemon's heap fragmented for life. This tree is a few plain
/// structs per value; `YAMLComposer` builds it from libyaml's events (the parser Yams itself
/// wraps), with the same positions and the same error texts.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    /// 1-based line and column, as libyaml (and Yams) report them.
    struct Mark: Sendable {
        private let l: Int32
        private let c: Int32
        init(line: Int, column: Int) {
            l = Int32(clamping: line)
            c = Int32(clamping: column)
        }
        var line: Int { Int(l) }
        var column: Int { Int(c) }
    }

    struct Scalar: Sendable {
        enum Style: UInt8, Sendable {
            case any, plain, singleQuoted, doubleQuoted, literal, folded
        }
        var string: String
        var style: Style
        /// An explicit tag (`tag:yaml.org,2002:null` for `!!null`); quoted values are
        /// `tag:yaml.org,2002:str`, plain ones nil.
        var tag: String?
        var mark: Mark
    }

    struct Pair: Sendable {
        var key: YAMLNode
        var value: YAMLNode
    }

    struct Mapping: Sendable {
        var pairs: [Pair]
        var mark: Mark
    }

    struct Sequence: Sendable {
        var nodes: [YAMLNode]
        var mark: Mark
    }

    var mark: Mark? {
        switch self {
        case .scalar(let s): return s.mark
        case .mapping(let m): return m.mark
        case .sequence(let s): return s.mark
        }
    }

    /// The text of a scalar; nil for a mapping or list.
    var string: String? {
        if case .scalar(let s) = self { return s.string }
        return nil
    }

    static let nullTag = "tag:yaml.org,2002:null"
    static let strTag = "tag:yaml.org,2002:str"
}

/// A syntax or structure error, with the same problem text and position Yams reported.
struct YAMLSyntaxError: Error, @unchecked Sendable {
    var problem: String
    var mark: YAMLNode.Mark
    /// Where the construct the parser could not finish began, and what it was.
    var context: (text: String, mark: YAMLNode.Mark)?
    /// `duplicate key 'a', 'b' in mapping` rather than `invalid YAML: …`.
    var duplicateKeys: [String]?

    init(problem: String, mark: YAMLNode.Mark, context: (text: String, mark: YAMLNode.Mark)? = nil,
         duplicateKeys: [String]? = nil) {
        self.problem = problem
        self.mark = mark
        self.context = context
        self.duplicateKeys = duplicateKeys
    }
}

// Iterated like Yams's mapping and sequence nodes, so the reader reads the same.
extension YAMLNode.Mapping: Swift.Sequence {
    struct Iterator: IteratorProtocol {
        var base: IndexingIterator<[YAMLNode.Pair]>
        mutating func next() -> (key: YAMLNode, value: YAMLNode)? { base.next().map { ($0.key, $0.value) } }
    }
    func makeIterator() -> Iterator { Iterator(base: pairs.makeIterator()) }
}

extension YAMLNode.Sequence: Swift.Sequence {
    typealias Element = YAMLNode
    func makeIterator() -> IndexingIterator<[YAMLNode]> { nodes.makeIterator() }
}
