import Foundation

/// Reads a config file and the files it includes into a validated `Config`, or throws
/// `ConfigErrors` listing every problem with its `file:line:column`. `remindd check`, the
/// daemon's start and its reload all go through here, so they can never disagree.
public enum ConfigLoader {
    /// Keys of the main file.
    static let topKeys = ["timezone", "language", "workweek", "workday", "holidays", "state", "channels",
                          "people", "retry", "catch_up", "defaults", "meetings", "events", "items",
                          "include", "templates", "http", "links", "digests", "inbox", "store"]
    /// Keys an included file may hold.
    static let includeKeys = ["people", "meetings", "events", "items", "include"]

    /// - Parameter kinds: the kinds of channel the config may use, with their checks.
    ///   - files: what the config and its includes are read through.
    public static func load(path: String, kinds: ChannelKinds, files: any ConfigFiles) throws -> Config {
        let draft = ConfigDraft(mainPath: path, kinds: kinds, files: files)
        draft.loadFile(path, isMain: true, includedFrom: nil)
        draft.validate()
        if !draft.errors.isEmpty {
            throw ConfigErrors(draft.errorsInFileOrder())
        }
        return draft.build()
    }

    /// Loads from text (tests, stdin); includes resolve against `path`'s folder.
    public static func load(text: String, path: String, kinds: ChannelKinds, files: any ConfigFiles) throws -> Config {
        let draft = ConfigDraft(mainPath: path, kinds: kinds, files: files)
        // The text stands for the file at `path`: an include of that file is a cycle.
        draft.loadedFiles.insert(files.canonical(path))
        draft.loadText(text, file: path, isMain: true)
        draft.validate()
        if !draft.errors.isEmpty { throw ConfigErrors(draft.errorsInFileOrder()) }
        return draft.build()
    }
}

/// A reference from one definition to another, checked once every file is read.
struct Reference {
    enum Kind: String { case person, channel, series = "meeting series", event }
    /// The part of an item that refers: "owner of item 'x'".
    enum ItemPart: String { case owner, with, meeting, channels, due }
    var kind: Kind
    var name: String
    var at: SourceLocation?
    /// An item's references keep the item's id and spell out the context only for an
    /// error: a large config makes hundreds of thousands of them, and their texts, one
    /// allocation each, lived until the end of the load between the titles the config
    /// keeps, leaving the heap too fragmented to give back.
    private var part: ItemPart?
    private var subject: String

    init(kind: Kind, name: String, at: SourceLocation?, context: String) {
        self.kind = kind
        self.name = name
        self.at = at
        self.subject = context
    }

    init(kind: Kind, name: String, at: SourceLocation?, item: String, part: ItemPart) {
        self.kind = kind
        self.name = name
        self.at = at
        self.part = part
        self.subject = item
    }

    var context: String { part.map { "\($0.rawValue) of item '\(subject)'" } ?? subject }
}

/// Everything read so far, with where each name was defined. Mutable on purpose: the
/// loader fills it file by file and collects errors rather than stopping at the first.
final class ConfigDraft {
    let mainPath: String
    let kinds: ChannelKinds
    let files: any ConfigFiles
    var errors: [ConfigError] = []
    var loadedFiles = Set<String>()
    /// Files in the order they were read, to report errors file by file.
    var fileOrder: [String] = []
    /// Every file read and every include pattern expanded: what the result depends on.
    var inputs = ConfigInputs()

    var timeZone: TimeZone?
    var timeZoneName = "UTC"
    var language: Language = .en
    var workdays: Set<Int> = [1, 2, 3, 4, 5]
    var workStart = LocalTime(hour: 9, minute: 0)
    var workEnd = LocalTime(hour: 17, minute: 0)
    var holidays = Set<LocalDate>()
    var statePath: String?
    var channels: [String: ChannelSection] = [:]
    var channelOrder: [String] = []
    var people: [String: Person] = [:]
    var retry = RetryPolicy()
    var catchUp: Double = 86_400
    var defaultChannels: [String]?
    var defaultChannelsAt: SourceLocation?
    var defaultPolicy = Policy()
    var meetings: [String: MeetingSeries] = [:]
    var events: [String: EventDef] = [:]
    var items: [Item] = []
    var itemPolicies: [PolicyOverride?] = []
    var templates: [String: MessageTemplate] = [:]
    var http: HTTPSettings?
    var links: LinkSettings?
    var digests: [DigestDef] = []
    var inbox: InboxSection?
    var store: StoreSection?
    var inboxAt: SourceLocation?
    /// Where each digest's `to:` is, for errors about its people.
    var digestAt: [String: SourceLocation] = [:]
    /// Meeting digests' leads, checked against the gaps between meetings once all are read.
    var digestGaps: [(name: String, series: String, lead: DurationSpec, at: SourceLocation?)] = []
    var keyLocations: [String: SourceLocation] = [:]

    var definedAt: [String: SourceLocation] = [:]   // "person:X", "item:Y", …
    var references: [Reference] = []
    var itemOwnerAt: [String: SourceLocation] = [:]
    /// Deadlines already parsed, by their text.
    var deadlineMemo: [String: DeadlineExpr] = [:]
    /// The items' texts and co-owner lists, shared by the items built here.
    var itemBuilder = ItemBuilder()
    /// remind_at values in local time, converted once the zone is known.
    var pendingLocalRemindAt: [(Int, LocalDate, LocalTime)] = []

    init(mainPath: String, kinds: ChannelKinds, files: any ConfigFiles) {
        self.mainPath = mainPath
        self.kinds = kinds
        self.files = files
        timeZone = TimeZone(identifier: "UTC")
    }

    /// Errors are found in passes (syntax and values per file, definitions across files,
    /// references at the end); the reader gets them by file, line and column.
    func errorsInFileOrder() -> [ConfigError] {
        func key(_ e: ConfigError) -> (Int, Int, Int) {
            guard let l = e.location else { return (Int.max, 0, 0) }
            return (fileOrder.firstIndex(of: l.file) ?? fileOrder.count, l.line, l.column)
        }
        return errors.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    func fail(_ message: String, at location: SourceLocation?) {
        errors.append(ConfigError(message, at: location))
    }

    func loadFile(_ path: String, isMain: Bool, includedFrom: SourceLocation?) {
        let canonical = files.canonical(path)
        guard !loadedFiles.contains(canonical) else {
            fail("'\(path)' is included more than once (or includes itself)", at: includedFrom)
            return
        }
        loadedFiles.insert(canonical)
        let data: Data
        switch files.read(path) {
        case .bytes(let d): data = d
        case .missing: return fail("cannot read config '\(path)': no such file", at: includedFrom)
        case .directory: return fail("cannot read config '\(path)': it is a directory", at: includedFrom)
        case .denied: return fail("cannot read config '\(path)': permission denied", at: includedFrom)
        }
        inputs.files.append(ConfigInputs.File(path: path, canonical: canonical, digest: ConfigInputs.digest(data)))
        guard let text = String(data: data, encoding: .utf8) else {
            fail("'\(path)' is not UTF-8 text", at: includedFrom ?? SourceLocation(file: path, line: 1, column: 1))
            return
        }
        loadText(text, file: path, isMain: isMain)
    }

    func loadText(_ text: String, file: String, isMain: Bool) {
        fileOrder.append(file)
        let reader = YAMLReader(file: file)
        defer { errors.append(contentsOf: reader.errors) }
        // Items are read one by one as the parser completes them (a large config never
        // exists as one tree); what reading them adds to the shared lists is set aside and
        // put back where items have always been read, after events, so every message and
        // reference keeps its place.
        let before = ItemPhase(self)
        let itemReader = YAMLReader(file: file)
        let root: YAMLNode
        do {
            guard let r = try YAMLHandoff.compose(text, readItem: { readItem($0, itemReader) }) else {
                if isMain { reader.error("the config is empty", at: SourceLocation(file: file, line: 1, column: 1)) }
                return
            }
            root = r
        } catch let e as YAMLSyntaxError {
            before.restore(self)
            reader.error(Self.describe(e), at: SourceLocation(file: file, line: e.mark.line, column: e.mark.column))
            return
        } catch {
            before.restore(self)
            reader.error("cannot parse YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
            return
        }
        let streamed = before.setAside(self)
        guard let top = reader.mapping(root, isMain ? "the config" : "an included file",
                                       allowed: isMain ? ConfigLoader.topKeys : ConfigLoader.includeKeys) else { return }
        if isMain { readSettings(top, reader) }
        if let p = top["people"] { readPeople(p.value, reader) }
        if let m = top["meetings"] { readMeetings(m.value, reader) }
        if let e = top["events"] { readEvents(e.value, reader) }
        if let i = top["items"] {
            readItems(i.value, reader)
            errors += streamed.errors
            references += streamed.references
            reader.absorb(itemReader.errors)
        }
        if let inc = top["include"] { readIncludes(inc.value, reader, from: file) }
    }

    func readIncludes(_ node: YAMLNode, _ r: YAMLReader, from file: String) {
        guard let patterns = r.stringList(node, "include") else { return }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().path
        for (pattern, n) in patterns {
            let full = pattern.hasPrefix("/") ? pattern : base + "/" + pattern
            let isGlob = pattern.contains(where: { "*?[".contains($0) })
            let matches = files.expand(full)
            inputs.includes.append(ConfigInputs.Include(pattern: full, matches: matches))
            if matches.isEmpty && !isGlob {
                r.error("include '\(pattern)': no such file", at: n)
            }
            for m in matches { loadFile(m, isMain: false, includedFrom: r.location(n)) }
        }
    }

    /// "name defined twice" names both places.
    func define(_ kind: String, _ name: String, at loc: SourceLocation?) -> Bool {
        let key = "\(kind):\(name)"
        if let first = definedAt[key] {
            fail("\(kind) '\(name)' is defined twice: here and at \(first)", at: loc)
            return false
        }
        definedAt[key] = loc
        return true
    }

    func refer(_ kind: Reference.Kind, _ name: String, _ node: YAMLNode?, _ r: YAMLReader, _ context: String) {
        references.append(Reference(kind: kind, name: name, at: r.location(node), context: context))
    }

    func refer(_ kind: Reference.Kind, _ name: String, _ node: YAMLNode?, _ r: YAMLReader,
               item: String, _ part: Reference.ItemPart) {
        references.append(Reference(kind: kind, name: name, at: r.location(node), item: item, part: part))
    }

    static func describe(_ e: YAMLSyntaxError) -> String {
        if let keys = e.duplicateKeys {
            return "duplicate key \(keys.map { "'\($0)'" }.joined(separator: ", ")) in mapping"
        }
        // The problem is where the parser gave up; the context says where the construct it
        // could not finish began, which is usually where the mistake is.
        guard let c = e.context else { return "invalid YAML: \(e.problem)" }
        return "invalid YAML: \(e.problem) (\(c.text) that starts at line \(c.mark.line), column \(c.mark.column))"
    }

    /// Paths in the config are relative to the file's folder.
    func resolve(_ path: String, relativeTo file: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return base.appendingPathComponent(path).standardizedFileURL.path
    }
}

/// What reading items adds to a draft's shared lists, taken before a file is parsed: the
/// items read while parsing are undone if the file turns out not to parse, and their
/// messages and references are set aside to be put back in their usual place.
struct ItemPhase {
    let items: [Item]
    let itemPolicies: [PolicyOverride?]
    let definedAt: [String: SourceLocation]
    let references: [Reference]
    let itemOwnerAt: [String: SourceLocation]
    let pendingLocalRemindAt: [(Int, LocalDate, LocalTime)]
    let errors: [ConfigError]

    init(_ d: ConfigDraft) {
        items = d.items
        itemPolicies = d.itemPolicies
        definedAt = d.definedAt
        references = d.references
        itemOwnerAt = d.itemOwnerAt
        pendingLocalRemindAt = d.pendingLocalRemindAt
        errors = d.errors
    }

    /// The file did not parse: nothing of it counts.
    func restore(_ d: ConfigDraft) {
        d.items = items
        d.itemPolicies = itemPolicies
        d.definedAt = definedAt
        d.references = references
        d.itemOwnerAt = itemOwnerAt
        d.pendingLocalRemindAt = pendingLocalRemindAt
        d.errors = errors
    }

    /// Takes the errors and references the items added out of the draft, to be appended
    /// later; the items themselves stay.
    func setAside(_ d: ConfigDraft) -> (errors: [ConfigError], references: [Reference]) {
        let added = (errors: Array(d.errors.dropFirst(errors.count)), references: Array(d.references.dropFirst(references.count)))
        d.errors.removeLast(d.errors.count - errors.count)
        d.references.removeLast(d.references.count - references.count)
        return added
    }
}
