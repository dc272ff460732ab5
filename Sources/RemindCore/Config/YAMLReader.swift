import Foundation

/// Typed, position-aware reading of a composed YAML tree. Every accessor reports a
/// mistake at the node that holds it and returns nil, so loading goes on and collects
/// every error of the file. The description of what is read (`item 'x': owner`) is only
/// worked out when there is an error to report: a large config reads millions of values.
final class YAMLReader {
    let file: String
    private(set) var errors: [ConfigError] = []

    init(file: String) { self.file = file }

    func location(_ node: YAMLNode?) -> SourceLocation? {
        guard let m = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: m.line, column: m.column)
    }

    func error(_ message: String, at node: YAMLNode?) {
        errors.append(ConfigError(message, at: location(node)))
    }

    /// Errors another reader of the same file collected, in their order.
    func absorb(_ more: [ConfigError]) {
        errors.append(contentsOf: more)
    }

    func error(_ message: String, at location: SourceLocation?) {
        errors.append(ConfigError(message, at: location))
    }

    static func kindName(_ node: YAMLNode) -> String {
        switch node {
        case .scalar: return "a value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The pairs of a mapping, checked against the allowed keys. Unknown keys are reported
    /// at the key itself, with the keys that are allowed; keys in `reported` were already
    /// reported by the caller with a better message and are skipped silently.
    func mapping(_ node: YAMLNode, _ what: @autoclosure () -> String, allowed: [String],
                 reported: [String] = []) -> YAMLFields? {
        guard case .mapping(let m) = node else {
            error("\(what()) must be a mapping, found \(Self.kindName(node))", at: node)
            return nil
        }
        var out = YAMLFields()
        out.fields.reserveCapacity(m.pairs.count)
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                error("keys in \(what()) must be plain names", at: k)
                continue
            }
            let name = ks.string
            if reported.contains(where: { Self.sameName($0, name) }) { continue }
            if !allowed.isEmpty && !allowed.contains(where: { Self.sameName($0, name) }) {
                let hint = Self.closest(name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                error("unknown key '\(name)' in \(what())\(hint) (allowed: \(allowed.joined(separator: ", ")))", at: k)
                continue
            }
            out.fields.append((name, k, v))
        }
        return out
    }

    /// The entries of an open mapping (names chosen by the user: people, channels, …),
    /// in file order.
    func entries(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [(name: String, key: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let m) = node else {
            error("\(what()) must be a mapping of names, found \(Self.kindName(node))", at: node)
            return []
        }
        var out: [(String, YAMLNode, YAMLNode)] = []
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                error("names in \(what()) must be plain values", at: k)
                continue
            }
            out.append((ks.string, k, v))
        }
        return out
    }

    func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard case .scalar(let s) = node else {
            error("\(what()) must be a value, found \(Self.kindName(node))", at: node)
            return nil
        }
        // An explicit `!!null`, or a plain null word.
        if s.tag == YAMLNode.nullTag
            || (s.style == .plain && ["~", "null", "Null", "NULL", ""].contains(s.string)) {
            error("\(what()) must not be empty", at: node)
            return nil
        }
        return Self.own(s.string)
    }

    /// A copy in memory of this thread's own. The tree is parsed on a helper thread
    /// (`YAMLHandoff`); a value kept from it as it is would pin the helper's allocator
    /// pages, freed tree and all, for the daemon's whole life. Short strings live inside
    /// the `String` itself and need no copy.
    static func own(_ s: String) -> String {
        let count = s.utf8.count
        guard count > 15 else { return s }
        return String(unsafeUninitializedCapacity: count) { buffer in
            _ = buffer.initialize(from: s.utf8)
            return count
        }
    }

    /// Key names compared for equality, lengths first: most keys differ in length, and a
    /// length is known without reading the string.
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// A single-line string: anything that can reach a mail header or a log line must not
    /// smuggle CR, LF or NUL.
    func line(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let s = string(node, what()) else { return nil }
        // CR, LF and NUL never join another character, so their bytes tell.
        if s.utf8.contains(where: { $0 == 13 || $0 == 10 || $0 == 0 }) {
            error("\(what()) must be a single line (it contains a line break or NUL)", at: node)
            return nil
        }
        return s
    }

    func bool(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Bool? {
        guard case .scalar(let s) = node else {
            error("\(what()) must be true or false", at: node)
            return nil
        }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error("\(what()) must be true or false, found '\(s.string)'", at: node)
            return nil
        }
    }

    func int(_ node: YAMLNode, _ what: @autoclosure () -> String, min: Int = Int.min) -> Int? {
        guard let s = string(node, what()) else { return nil }
        guard let n = Int(s), n >= min else {
            error("\(what()) must be a whole number\(min > Int.min ? " of at least \(min)" : ""), found '\(s)'", at: node)
            return nil
        }
        return n
    }

    /// A list; a single value is accepted as a list of one where `lenient`.
    func list(_ node: YAMLNode, _ what: @autoclosure () -> String, lenient: Bool = true) -> [YAMLNode]? {
        switch node {
        case .sequence(let s): return Array(s)
        case .scalar where lenient: return [node]
        default:
            error("\(what()) must be a list, found \(Self.kindName(node))", at: node)
            return nil
        }
    }

    func stringList(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [(String, YAMLNode)]? {
        guard let items = list(node, what()) else { return nil }
        return items.compactMap { n in line(n, what()).map { ($0, n) } }
    }

    func duration(_ node: YAMLNode, _ what: @autoclosure () -> String) -> DurationSpec? {
        guard let s = string(node, what()) else { return nil }
        guard let d = DurationSpec(s) else {
            error("\(what()): '\(s)' is not a duration; use a number and s, m, h, d, wd, w or mo (e.g. 30s, 2h, 7d, 2wd, 1mo)", at: node)
            return nil
        }
        guard d.isWithinLimit else {
            error("\(what()): '\(s)' is too long; a duration is \(DurationSpec.limitHint)", at: node)
            return nil
        }
        return d
    }

    func date(_ node: YAMLNode, _ what: @autoclosure () -> String) -> LocalDate? {
        guard let s = string(node, what()) else { return nil }
        guard let d = LocalDate(s) else {
            error("\(what()): '\(s)' is not a date; use YYYY-MM-DD", at: node)
            return nil
        }
        return d
    }

    static func closest(_ word: String, in options: [String]) -> String? { Suggestion.closest(word, in: options) }
}

/// The checked fields of a mapping, looked up by name. A list rather than a dictionary:
/// a config mapping has a handful of keys (repeats were refused by the parser), and
/// hashing them cost more than scanning them, 100,000 items over.
struct YAMLFields {
    var fields: [(name: String, key: YAMLNode, value: YAMLNode)] = []

    subscript(name: String) -> (key: YAMLNode, value: YAMLNode)? {
        for f in fields where YAMLReader.sameName(f.name, name) { return (f.key, f.value) }
        return nil
    }
}
