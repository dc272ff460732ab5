import Foundation

/// A channel's section of the config as written: its name, its `type:`, and every other
/// key with its value and where it stands. What the keys mean belongs to the channel's
/// kind (`ChannelKind`, registered by the delivery layer); the core keeps the section
/// whole, so that planning, the snapshot and error positions need no knowledge of any
/// kind, and a new kind of channel changes nothing here.
public struct ChannelSection: Sendable, Hashable, Codable {
    public struct Field: Sendable, Hashable, Codable {
        /// The value, one line of text (the loader refuses anything else).
        public var text: String
        /// Where the value stands.
        public var at: SourceLocation

        public init(text: String, at: SourceLocation) {
            self.text = text
            self.at = at
        }
    }

    public var name: String
    public var type: String
    /// The channel's name in `channels:`.
    public var nameAt: SourceLocation
    /// The section's value (the mapping), where "needs a url" is reported.
    public var at: SourceLocation
    /// Every key but `type`, by name.
    public var fields: [String: Field]
    /// The file the section is in: relative paths in it resolve against its folder.
    public var file: String

    public init(name: String, type: String, nameAt: SourceLocation, at: SourceLocation,
                fields: [String: Field], file: String) {
        self.name = name
        self.type = type
        self.nameAt = nameAt
        self.at = at
        self.fields = fields
        self.file = file
    }

    /// Where a key's value stands, else the channel's name.
    public func location(of key: String?) -> SourceLocation {
        key.flatMap { fields[$0]?.at } ?? nameAt
    }

    /// A path as written, absolute or resolved against the folder of the section's file.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = URL(fileURLWithPath: file).deletingLastPathComponent()
        return base.appendingPathComponent(path).standardizedFileURL.path
    }
}

/// What the loader needs to know of one kind of channel: its `type:`, the keys its section
/// may hold, whether it reaches people by their e-mail address, and the check of a section
/// (every problem with its position). The delivery layer registers one per kind.
public struct ChannelKind: Sendable {
    public var type: String
    public var keys: [String]
    /// Keys the kind refuses with a message of its own (an inline `password`), kept out of
    /// the unknown-key error.
    public var refusedKeys: [String]
    public var reachesPeopleByEmail: Bool
    public var check: @Sendable (ChannelSection) -> [ConfigError]

    public init(type: String, keys: [String], refusedKeys: [String] = [], reachesPeopleByEmail: Bool,
                check: @escaping @Sendable (ChannelSection) -> [ConfigError]) {
        self.type = type
        self.keys = keys
        self.refusedKeys = refusedKeys
        self.reachesPeopleByEmail = reachesPeopleByEmail
        self.check = check
    }
}

/// The kinds of channel a load accepts, in the order they are listed in messages.
public struct ChannelKinds: Sendable {
    public var all: [ChannelKind]

    public init(_ all: [ChannelKind]) { self.all = all }

    public subscript(type: String) -> ChannelKind? { all.first { $0.type == type } }

    /// "smtp, webhook or maildir".
    public var typeList: String {
        let names = all.map(\.type)
        guard names.count > 1 else { return names.first ?? "(none)" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
