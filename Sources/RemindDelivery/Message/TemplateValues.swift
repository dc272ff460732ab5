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
    func mustacheContext(_ values: [TemplateValue]) -> [String: Any] {
        var context: [String: Any] = [:]
        context.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            switch value {
            case .text(let s): context[names[i]] = s
            case .flag(let b): context[names[i]] = b
            case .number(let n): context[names[i]] = n
            case .list(let entries):
                guard case .list(let fields) = kinds[i] else { continue }
                context[names[i]] = entries.map { entry -> [String: Any] in
                    var e: [String: Any] = [:]
                    for (field, text) in zip(fields, entry) { e[field] = text }
                    return e
                }
            }
        }
        return context
    }
}
