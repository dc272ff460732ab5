import Foundation
import Mustache
import RemindCore

/// A message ready for any channel: the subject line and the plain-text body, and for mail
/// with action links an HTML alternative of the same text with the links as buttons.
public struct RenderedMessage: Sendable, Equatable {
    public var subject: String
    public var body: String
    public var html: String?

    public init(subject: String, body: String, html: String? = nil) {
        self.subject = subject
        self.body = body
        self.html = html
    }
}

/// A template override that does not parse; names the `templates:` key and part.
public struct TemplateError: Error, CustomStringConvertible {
    public var key: String
    public var part: String
    public var message: String

    public var description: String { "templates.\(key).\(part): \(message)" }
}

/// Turns a delivery into words a person reads gladly, in the config's `language` and zone.
/// Shared by every channel and by `remindd test-channel`, so what a test shows is what the
/// daemon sends. Templates are Mustache; a config overrides the built-in ones per kind
/// (`templates: {overdue: {subject: …, body: …}}`) or for all kinds (`templates: {default: …}`),
/// subject and body separately. Text is never HTML-escaped. Every template is parsed by
/// swift-mustache, which reports errors; the ones `CompiledTemplate` covers (all built-in
/// ones, and overrides that use only text, variables, sections and comments) are rendered
/// compiled, the rest by swift-mustache, to the same text.
///
/// Variables: `title`, `id`, `kind`, `key`, `owner`, `with` (names, joined), `has_with`,
/// `deadline` (weekday, date and time), `deadline_short`, `has_deadline`, `scheduled`,
/// `lead` (`7 dagen`), `ordinal` (`2e`/`2nd`), `which` (the opening sentence), `escalated`,
/// `escalated_to`, `origin` (meeting and date), `has_origin`, `notes`, `has_notes`, `late`,
/// `done_command`, `snooze_command`, `has_links`, `done_link`, `snooze_links` (list of
/// `label`, `url`, `choice`; with `links` and `http.public_url` set), the same as
/// `links.done` and `links.snooze`; for event notices also
/// `window`, `waiting` (list of `id`, `title`), `has_waiting`, `event_command`.
public struct MessageRenderer: Sendable {
    public let config: Config
    /// Signs the action links messages carry; nil: messages carry the commands instead.
    public let links: ActionLinks?
    /// The Reply-To of reminder mails when `inbox:` is set.
    public var replies: ReplySigner?
    private let templates: [ReminderKind: Templates]

    /// The names subjects and bodies can use: the facts and the rendered `which` line.
    static let schema = MessageFacts.schema.adding("which", .text)

    /// One template, parsed by swift-mustache (which reports errors and stays the
    /// reference) and, when it can be, compiled for rendering.
    struct Template: Sendable {
        let mustache: MustacheTemplate
        let compiled: CompiledTemplate?
        let schema: TemplateSchema

        /// Parses `text` (a `TemplateError` names `key` and `part` when it does not) and
        /// compiles it against `schema` unless `compile` is false.
        init(_ text: String, key: String, part: String, schema: TemplateSchema, compile: Bool = true) throws {
            mustache = try MessageRenderer.parse(text, key: key, part: part)
            compiled = compile ? CompiledTemplate(text, schema: schema) : nil
            self.schema = schema
        }

        /// `values` hold one value per name of the schema.
        func render(_ values: [TemplateValue]) -> String {
            if let compiled { return compiled.render(values) }
            return mustache.render(TemplateContext(schema.mustacheContext(values)))
        }
    }

    struct Templates: Sendable {
        let which: Template
        let subject: Template
        let body: Template
    }

    /// Parses the overrides now, so a broken template fails `check` and start-up, not a send.
    public init(config: Config, links: ActionLinks? = nil) throws {
        try self.init(config: config, links: links, compile: true)
    }

    /// `compile: false` renders every template with swift-mustache: the reference the
    /// compiled templates are tested against.
    init(config: Config, links: ActionLinks? = nil, compile: Bool) throws {
        self.config = config
        self.links = links
        var templates: [ReminderKind: Templates] = [:]
        // Digests are laid out by `DigestMessage`, not by templates.
        for kind in ReminderKind.templated {
            let builtIn = DefaultTemplates.template(kind, config.language)
            let own = config.templates[kind.rawValue]
            let fallback = config.templates["default"]
            templates[kind] = Templates(
                which: try Template(DefaultTemplates.which(kind, config.language), key: kind.rawValue, part: "which",
                                    schema: MessageFacts.schema, compile: compile),
                subject: try Template(own?.subject ?? fallback?.subject ?? builtIn.subject,
                                      key: own?.subject != nil ? kind.rawValue : "default", part: "subject",
                                      schema: Self.schema, compile: compile),
                body: try Template(own?.body ?? fallback?.body ?? builtIn.body,
                                   key: own?.body != nil ? kind.rawValue : "default", part: "body",
                                   schema: Self.schema, compile: compile))
        }
        self.templates = templates
    }

    /// The templates of each kind swift-mustache renders because they could not be
    /// compiled, as `kind.part`.
    var uncompiled: [String] {
        ReminderKind.templated.flatMap { kind -> [String] in
            let t = templates[kind]!
            return [("which", t.which), ("subject", t.subject), ("body", t.body)]
                .filter { $0.1.compiled == nil }.map { "\(kind.rawValue).\($0.0)" }
        }
    }

    public func render(_ message: OutgoingMessage) -> RenderedMessage {
        if let answer = message.delivery.answer {
            return RenderedMessage(subject: Self.oneLine(answer.subject), body: answer.text)
        }
        if let content = message.delivery.digest {
            return DigestMessage(content, config: config, links: links).rendered(late: message.late)
        }
        return render(MessageFacts(message, config: config, links: links))
    }

    func render(_ facts: MessageFacts) -> RenderedMessage {
        let t = templates[facts.kind]!
        var values = facts.values(language: config.language)
        values.append(.text(t.which.render(values)))
        let body = Self.tidy(t.body.render(values))
        var html: String?
        if let done = facts.doneLink {
            let nl = config.language == .nl
            let buttons = [MessageHTML.Button(label: nl ? "Markeer als klaar" : "Mark as done", url: done)]
                + facts.snoozeLinks.map { MessageHTML.Button(label: (nl ? "Uitstellen: " : "Snooze: ") + $0.label, url: $0.url) }
            html = MessageHTML.render(body: body, buttons: buttons, language: config.language)
        }
        return RenderedMessage(subject: Self.oneLine(t.subject.render(values)), body: body, html: html)
    }

    static func parse(_ text: String, key: String, part: String) throws -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: CompiledTemplate.prefix + text)
        } catch {
            throw TemplateError(key: key, part: part, message: Self.explain(error))
        }
    }

    /// Mustache's parser errors read as Swift values; say what is wrong in words.
    static func explain(_ error: Error) -> String {
        let raw = "\(error)"
        guard let r = raw.range(of: "Error.", options: .backwards) else { return raw }
        let reason = raw[r.upperBound...].prefix { $0.isLetter }
        switch reason {
        case "overflow": return "a tag is not closed ({{ without }})"
        case "sectionCloseNameIncorrect": return "a section is closed with another name than it was opened with"
        case "unfinishedName": return "a tag name is not finished"
        case "expectedSectionEnd": return "a section ({{#…}}) is not closed"
        default: return "\(reason)"
        }
    }

    /// A subject: controls made spaces (`MailHeader.sanitize`), then runs of spaces made one
    /// and none at either end — `split(separator: " ").joined(separator: " ")`, which splits
    /// between grapheme clusters. On bytes when every space has ASCII on both sides: such a
    /// space is a cluster of its own (only non-ASCII scalars extend or prepend to one).
    static func oneLine(_ text: String) -> String {
        let clean = MailHeader.sanitize(text)
        if let fast = clean.utf8.withContiguousStorageIfAvailable(collapseSpaces), let line = fast { return line }
        return clean.split(separator: " ").joined(separator: " ")
    }

    /// `oneLine` on bytes; nil when a space touches a non-ASCII byte.
    static func collapseSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for i in bytes.indices {
            let b = bytes[i]
            if b == 0x20 {
                if i > 0 && bytes[i - 1] >= 0x80 || i + 1 < bytes.count && bytes[i + 1] >= 0x80 { return nil }
                space = !out.isEmpty
            } else {
                if space {
                    out.append(0x20)
                    space = false
                }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// No runs of blank lines where optional parts were left out; one final newline.
    static func tidy(_ text: String) -> String {
        if let tidied = tidyLF(text) { return tidied }
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if blank && (lines.isEmpty || lines.last!.isEmpty) { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `tidy` for text with bare LF line ends (what the templates make), on bytes: lines
    /// of only spaces and tabs are blank; none at the start or end, runs of them made one.
    /// Nil when the text holds a CR.
    static func tidyLF(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1)
            var lastBlank = true  // no blank lines at the start
            var start = 0
            while start <= bytes.count {
                var end = start
                var blank = true
                while end < bytes.count, bytes[end] != 0x0A {
                    let b = bytes[end]
                    if b != 0x20 && b != 0x09 {
                        if b == 0x0D { return nil }
                        blank = false
                    }
                    end += 1
                }
                if blank {
                    if !lastBlank { out.append(0x0A) }
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    out.append(0x0A)
                }
                lastBlank = blank
                start = end + 1
            }
            while out.count >= 2 && out[out.count - 1] == 0x0A && out[out.count - 2] == 0x0A { out.removeLast() }
            if out.isEmpty { out = [0x0A] }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

final class TemplateContext: MustacheParent {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
}
