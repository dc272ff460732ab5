/// Reads one channel section for its kind, collecting every problem with its position
/// (`channels.NAME.KEY …` at the key's value), so that a kind's check and its decoding are
/// one piece of code.
public struct ChannelSectionReader {
    public let section: ChannelSection
    public private(set) var errors: [ConfigError] = []

    public init(_ section: ChannelSection) { self.section = section }

    /// `channels.NAME`, the prefix of every message about a key.
    public var what: String { "channels.\(section.name)" }

    public func has(_ key: String) -> Bool { section.fields[key] != nil }

    public func text(_ key: String) -> String? { section.fields[key]?.text }

    /// An error at `key`'s value, or at the section when the key is absent or nil.
    public mutating func error(_ message: String, at key: String? = nil) {
        let at = key.flatMap { section.fields[$0]?.at } ?? section.at
        errors.append(ConfigError(message, at: at))
    }

    /// A key that must be there: "TYPE channel 'NAME' needs WHAT" at the section when not.
    public mutating func required(_ key: String, needs: String? = nil) -> String? {
        if let t = text(key) { return t }
        error("\(section.type) channel '\(section.name)' needs \(needs ?? "a \(key)")")
        return nil
    }

    /// A path, absolute or relative to the section's file.
    public func path(_ key: String) -> String? { text(key).map(section.resolve) }

    /// One of the raw values of `T` (`tls: required|none`), else `fallback` and an error.
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, default fallback: T) -> T
    where T.RawValue == String {
        guard let s = text(key) else { return fallback }
        if let v = T(rawValue: s) { return v }
        let options = T.allCases.map(\.rawValue)
        let list = options.count == 2 ? options.joined(separator: " or ") : "one of " + options.joined(separator: ", ")
        error("\(what).\(key) must be \(list), found '\(s)'", at: key)
        return fallback
    }

    /// A positive duration in s, m or h, in seconds.
    public mutating func seconds(_ key: String) -> Double? {
        guard let s = text(key) else { return nil }
        guard let d = DurationSpec(s) else {
            error("\(what).\(key): '\(s)' is not a duration; use a number and s, m, h, d, wd, w or mo (e.g. 30s, 2h, 7d, 2wd, 1mo)", at: key)
            return nil
        }
        guard let secs = d.seconds, secs > 0, d.isWithinLimit else {
            error("\(what).\(key) must be a positive duration in s, m or h", at: key)
            return nil
        }
        return Double(secs)
    }

    /// A mailbox (`addr@example.org` or `Name <addr@example.org>`).
    public mutating func mailbox(_ key: String, hint: String = "") -> (address: String, name: String?)? {
        guard let s = text(key) else { return nil }
        if let mb = EmailAddress.parseMailbox(s) { return (mb.address, mb.name) }
        error("\(what).\(key) is not an address: '\(s)'\(hint)", at: key)
        return nil
    }
}
