/// One value a message template can show or test: what `MessageFacts` produces, typed, so
/// a compiled template reads it with a switch instead of swift-mustache's dynamic casts.
enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case number(Int)
    /// Entries of a list (`waiting`), each with the fields its schema names, in that order.
    case list([[String]])
}

/// The names a template can use, each with the kind of value it holds and its slot in the
/// array of values a message produces. Every name is always present; the kind of each is
/// fixed, so a template can be resolved against the schema once, when it is compiled.
struct TemplateSchema: Sendable {
    enum Kind: Sendable, Equatable {
        case text
        case flag
        case number
        case list(fields: [String])
    }

    let names: [String]
    let kinds: [Kind]
    private let slots: [String: Int]

    init(_ entries: [(name: String, kind: Kind)]) {
        names = entries.map(\.name)
        kinds = entries.map(\.kind)
        slots = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }

    func slot(_ name: String) -> Int? { slots[name] }

    /// This schema with one more name at the end (the values gain one slot).
    func adding(_ name: String, _ kind: Kind) -> TemplateSchema {
        TemplateSchema(Array(zip(names, kinds)) + [(name, kind)])
    }

    /// Whether `values` are what this schema promises: one per name, each of its kind.
    func accepts(_ values: [TemplateValue]) -> Bool {
        guard values.count == kinds.count else { return false }
        for (value, kind) in zip(values, kinds) {
            switch (value, kind) {
            case (.text, .text), (.flag, .flag), (.number, .number): continue
            case (.list(let entries), .list(let fields)):
                if entries.contains(where: { $0.count != fields.count }) { return false }
            default: return false
            }
        }
        return true
    }

    /// The same values as swift-mustache's context: a dictionary of `String`, `Bool`, `Int`
    /// and `[[String: Any]]`. Only the first `values.count` names are set, so the values of
    /// a smaller schema (without `which`) leave the later names out.
    /// A dotted name (`links.done`) is a field of an object named by its first part.
    func mustacheContext(_ values: [TemplateValue]) -> [String: Any] {
        var context: [String: Any] = [:]
        context.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            let v: Any?
            switch value {
            case .text(let s): v = s
            case .flag(let b): v = b
            case .number(let n): v = n
            case .list(let entries):
                guard case .list(let fields) = kinds[i] else { continue }
                v = entries.map { entry -> [String: Any] in
                    var e: [String: Any] = [:]
                    for (field, text) in zip(fields, entry) { e[field] = text }
                    return e
                }
            }
            let parts = names[i].split(separator: ".", maxSplits: 1)
            if parts.count == 2 {
                var object = context[String(parts[0])] as? [String: Any] ?? [:]
                object[String(parts[1])] = v
                context[String(parts[0])] = object
            } else {
                context[names[i]] = v
            }
        }
        return context
    }

    /// The first parts of the dotted names: objects a compiled template cannot show or
    /// test as a whole.
    var objectNames: Set<String> {
        Set(names.compactMap { n in n.contains(".") ? String(n.split(separator: ".")[0]) : nil })
    }
}
