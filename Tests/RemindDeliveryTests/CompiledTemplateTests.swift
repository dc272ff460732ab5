import Foundation
import RemindCore
import Testing
@testable import RemindDelivery

/// Compiled templates must render exactly what swift-mustache renders, byte for byte: every
/// built-in template, overrides using every construct compiled, against many messages and
/// many generated values. What is not compiled must fall back to swift-mustache.
@Suite struct CompiledTemplateTests {
    // MARK: Helpers

    /// SplitMix64: the same values on every run.
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let texts = [
        "", "", "x", Fixture.title, "Staatssecretaris JenV en Minister BZK", " spaced ", "tab\there",
        "two\nlines", "crlf\r\nline", "ends with newline\n", "{{title}} stays {{#late}}as{{/late}} text",
        "<b>&amp;\"'</b>", "e\u{301}", "👩‍👩‍👧 Één ß", "\u{2028}", "  ", "}}", "{", "maandag 2 oktober 2023 om 17:00",
    ]

    /// Values for `schema` drawn at random: flags both ways, texts empty and not, lists empty
    /// and not.
    static func randomValues(_ schema: TemplateSchema, _ rng: inout Rng) -> [TemplateValue] {
        schema.kinds.map { kind in
            switch kind {
            case .text: .text(texts.randomElement(using: &rng)!)
            case .flag: .flag(Bool.random(using: &rng))
            case .number: .number([0, 1, -3, 42].randomElement(using: &rng)!)
            case .list(let fields):
                .list((0..<Int.random(in: 0...3, using: &rng)).map { _ in fields.map { _ in texts.randomElement(using: &rng)! } })
            }
        }
    }

    static func reference(_ text: String, _ schema: TemplateSchema) throws -> MessageRenderer.Template {
        try MessageRenderer.Template(text, key: "test", part: "test", schema: schema, compile: false)
    }

    /// Renders `text` compiled and with swift-mustache for `count` generated value sets
    /// (and the all-false, all-empty and all-true ones) and expects the same text.
    static func expectSame(_ text: String, schema: TemplateSchema = MessageRenderer.schema, count: Int = 150,
                           seed: UInt64 = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let reference = try reference(text, schema)
        guard let compiled = CompiledTemplate(text, schema: schema) else {
            Issue.record("not compiled: \(text.debugDescription)", sourceLocation: sourceLocation)
            return
        }
        var rng = Rng(state: seed)
        var sets = (0..<count).map { _ in randomValues(schema, &rng) }
        sets.append(schema.kinds.map { kind -> TemplateValue in
            switch kind {
            case .text: .text("")
            case .flag: .flag(false)
            case .number: .number(0)
            case .list: .list([])
            }
        })
        sets.append(schema.kinds.map { kind -> TemplateValue in
            switch kind {
            case .text: .text("v")
            case .flag: .flag(true)
            case .number: .number(1)
            case .list(let fields): .list([fields.map { "\($0)1" }, fields.map { "\($0)2" }])
            }
        })
        for values in sets {
            let want = reference.render(values)
            let got = compiled.render(values)
            if got != want {
                Issue.record("\(text.debugDescription)\n  compiled: \(got.debugDescription)\n  mustache: \(want.debugDescription)",
                             sourceLocation: sourceLocation)
                return
            }
        }
    }

    // MARK: Built-in templates

    @Test(arguments: Language.allCases)
    func everyBuiltInTemplateCompilesAndRendersAsSwiftMustache(language: Language) throws {
        for kind in ReminderKind.templated {
            let pair = DefaultTemplates.template(kind, language)
            try Self.expectSame(pair.subject, count: 300, seed: 11)
            try Self.expectSame(pair.body, count: 300, seed: 12)
            try Self.expectSame(DefaultTemplates.which(kind, language), schema: MessageFacts.schema, count: 300, seed: 13)
        }
        #expect(try MessageRenderer(config: Fixture.config(language: language)).uncompiled == [])
    }

    /// Items and events of every shape the facts distinguish.
    static func config(_ language: Language, templates: [String: MessageTemplate] = [:]) -> Config {
        let lrt = MeetingRef(series: "lrt", date: LocalDate(year: 2023, month: 9, day: 25))
        var c = Fixture.config(language: language, templates: templates, items: [
            Item(id: "alone", title: "Alleen", owner: "MBZK", agreed: LocalDate(year: 2023, month: 9, day: 20),
                 due: .relative(DurationSpec(2, .weeks)), notes: "Zie de bijlage.\nTweede regel"),
            Item(id: "empty-notes", title: "Lege toelichting", owner: "JenV", with: ["SJenV", "MBZK", "chair"],
                 due: .relative(DurationSpec(3, .days)), notes: ""),
            Item(id: "undated", title: "Geen datum {{late}}", owner: "unknown-person", meeting: lrt),
            Item(id: "waits-too", title: "Wacht ook op de uitspraak", owner: "SJenV", meeting: lrt,
                 due: .afterEvent("rvs-ruling", offset: nil)),
        ])
        c.events["no-window"] = EventDef(id: "no-window", title: "Zonder periode", expected: nil, owner: nil, occurred: nil)
        return c
    }

    static func messages() -> [OutgoingMessage] {
        var messages: [OutgoingMessage] = []
        let escalations: [[String]] = [[], ["chair"], ["chair", "MBZK"]]
        for kind in ReminderKind.templated where !kind.isEventNotice {
            for (i, item) in ["taakstelling", "alone", "empty-notes", "undated", "waits-too", "not-in-config"].enumerated() {
                for late in [false, true] {
                    let d = Fixture.delivery(kind, item: item, deadline: item == "undated" ? nil : Fixture.deadline,
                                             escalation: escalations[(i + (late ? 1 : 0)) % 3], ordinal: i % 3,
                                             lead: kind == .before ? DurationSpec(i + 1, i % 2 == 0 ? .days : .workdays) : nil)
                    messages.append(Fixture.message(d, late: late))
                }
            }
        }
        for kind in ReminderKind.templated where kind.isEventNotice {
            for event in ["rvs-ruling", "no-window", "unknown-event"] {
                for late in [false, true] {
                    let d = Fixture.delivery(kind, item: event, deadline: nil, people: event == "no-window" ? [] : ["JenV"], lead: nil)
                    messages.append(Fixture.message(d, late: late))
                }
            }
        }
        return messages
    }

    @Test(arguments: Language.allCases)
    func builtInMessagesAreWhatSwiftMustacheRendered(language: Language) throws {
        let config = Self.config(language)
        let compiled = try MessageRenderer(config: config)
        let reference = try MessageRenderer(config: config, compile: false)
        #expect(compiled.uncompiled == [])
        #expect(reference.uncompiled.count == 3 * ReminderKind.templated.count)
        var waiting = 0
        for message in Self.messages() {
            let facts = MessageFacts(message, config: config)
            waiting = max(waiting, facts.waiting.count)
            #expect(compiled.render(facts) == reference.render(facts), "\(message.delivery.key)")
        }
        #expect(waiting == 2)
    }

    static let links = ActionLinks(publicURL: "https://remindd.example.org", settings: LinkSettings(keyFile: "/k"),
                                   keys: try! LinkKeys(parsing: "k1:" + Data(repeating: 7, count: 32).base64EncodedString()))

    /// `{{links.done}}` and `{{#links.snooze}}…{{/links.snooze}}` place the links in an
    /// override, compiled to what swift-mustache renders; the object itself
    /// (`{{#links}}…{{/links}}`) is left to swift-mustache, with the same result.
    @Test func overridesPlaceTheLinksByDottedName() throws {
        var config = Self.config(.en)
        config.templates["before"] = MessageTemplate(subject: "{{title}}", body: "Done: {{links.done}}\n{{#links.snooze}}- {{label}}: {{url}}\n{{/links.snooze}}")
        config.templates["due"] = MessageTemplate(subject: "{{title}}", body: "{{#links}}Done: {{done}}{{/links}}")
        let compiled = try MessageRenderer(config: config, links: Self.links)
        let reference = try MessageRenderer(config: config, links: Self.links, compile: false)
        #expect(compiled.uncompiled == ["due.body"])
        var seen = 0
        for message in Self.messages() where message.delivery.reminder.kind == .before || message.delivery.reminder.kind == .due {
            let facts = MessageFacts(message, config: config, links: Self.links)
            guard let done = facts.doneLink else { continue }
            let text = compiled.render(facts)
            #expect(text == reference.render(facts))
            #expect(text.body.hasPrefix("Done: " + done), "\(text.body)")
            if message.delivery.reminder.kind == .before {
                #expect(facts.snoozeLinks.allSatisfy { text.body.contains("- \($0.label): \($0.url)") }, "\(text.body)")
            }
            seen += 1
        }
        #expect(seen >= 2)
    }

    @Test(arguments: Language.allCases)
    func builtInMessagesWithLinksAreWhatSwiftMustacheRendered(language: Language) throws {
        let config = Self.config(language)
        let compiled = try MessageRenderer(config: config, links: Self.links)
        let reference = try MessageRenderer(config: config, links: Self.links, compile: false)
        #expect(compiled.uncompiled == [])
        var linked = 0
        for message in Self.messages() {
            let facts = MessageFacts(message, config: config, links: Self.links)
            if facts.doneLink != nil { linked += 1 }
            let text = compiled.render(facts)
            #expect(text == reference.render(facts), "\(message.delivery.key)")
            if let done = facts.doneLink {
                #expect(text.body.contains(done) && !text.body.contains("remindd done "), "\(message.delivery.key)")
                #expect(facts.snoozeLinks.count == 2 && facts.snoozeLinks.allSatisfy { text.body.contains($0.url) })
            }
        }
        #expect(linked > 0)
    }

    /// The context as `MessageFacts.context(language:)` wrote it before the values were typed.
    static func handWrittenContext(_ f: MessageFacts, language: Language) -> [String: Any] {
        let words = Wording(language: language)
        return [
            "key": f.key, "kind": f.kind.rawValue, "late": f.late, "id": f.id, "title": f.title, "owner": f.owner,
            "with": words.list(f.with), "has_with": !f.with.isEmpty, "deadline": f.deadline ?? "",
            "deadline_short": f.deadlineShort ?? "", "has_deadline": f.deadlineShort != nil, "scheduled": f.scheduled,
            "lead": f.lead ?? "", "ordinal": f.ordinal, "escalated": !f.escalatedTo.isEmpty,
            "escalated_to": words.list(f.escalatedTo), "origin": f.origin ?? "", "has_origin": f.origin != nil,
            "notes": f.notes ?? "", "has_notes": !(f.notes ?? "").isEmpty, "window": f.window ?? "",
            "waiting": f.waiting.map { ["id": $0.id, "title": $0.title] as [String: Any] },
            "has_waiting": !f.waiting.isEmpty, "done_command": f.doneCommand, "snooze_command": f.snoozeCommand,
            "event_command": f.eventCommand, "has_links": f.doneLink != nil, "done_link": f.doneLink ?? "",
            "snooze_links": f.snoozeLinks.map { ["label": $0.label, "url": $0.url, "choice": $0.choice] as [String: Any] },
            "links": ["done": f.doneLink ?? "",
                      "snooze": f.snoozeLinks.map { ["label": $0.label, "url": $0.url, "choice": $0.choice] as [String: Any] }]
                as [String: Any],
        ]
    }

    @Test(arguments: Language.allCases)
    func typedValuesGiveTheContextSwiftMustacheHadBefore(language: Language) throws {
        let config = Self.config(language)
        for message in Self.messages() {
            let facts = MessageFacts(message, config: config, links: Self.links)
            let values = facts.values(language: language)
            #expect(MessageFacts.schema.accepts(values))
            let derived = MessageFacts.schema.mustacheContext(values)
            let before = Self.handWrittenContext(facts, language: language)
            #expect(Set(derived.keys) == Set(before.keys))
            for (key, old) in before {
                switch old {
                case let s as String: #expect(derived[key] as? String == s, "\(key)")
                case let b as Bool: #expect(derived[key] as? Bool == b, "\(key)")
                case let list as [[String: Any]]:
                    let new = try #require(derived[key] as? [[String: Any]])
                    #expect(new.map { $0.mapValues { "\($0)" } } == list.map { $0.mapValues { "\($0)" } }, "\(key)")
                case let object as [String: Any]:
                    let new = try #require(derived[key] as? [String: Any])
                    #expect(new["done"] as? String == object["done"] as? String, "\(key)")
                    let a = (new["snooze"] as? [[String: Any]] ?? []).map { $0.mapValues { "\($0)" } }
                    let b = (object["snooze"] as? [[String: Any]] ?? []).map { $0.mapValues { "\($0)" } }
                    #expect(a == b && Set(new.keys) == Set(object.keys), "\(key)")
                default: Issue.record("\(key): \(type(of: old))")
                }
            }
        }
    }

    // MARK: Overrides using every construct

    static let constructs: [String] = [
        // variables, triple mustache, ampersand, whitespace inside tags
        "{{title}}|{{{title}}}|{{&title}}|{{ title }}|{{{ title }}}|{{& title }}|{{\ttitle\n}}",
        "{{late}} {{escalated}} {{has_waiting}}",
        "{{nope}}[{{#nope}}x{{/nope}}][{{^nope}}y{{/nope}}]{{a-b}}{{x?}}{{*y}}{{_}}",
        "{{which}}|{{#which}}<{{.}}>{{/which}}",
        // sections and inverted sections over flags, texts (empty too), missing names
        "{{#late}}LATE {{/late}}{{^late}}on time {{/late}}{{title}}",
        "{{#notes}}[{{.}}|{{notes}}|{{title}}]{{/notes}}{{^notes}}no notes{{/notes}}",
        "{{# late }}L{{/ late }}{{^ late }}N{{/late}}{{#\nlate\n}}M{{/late}}",
        // nested sections
        "{{#escalated}}{{#has_with}}both {{with}}{{/has_with}}{{^has_with}}alone{{/has_with}}{{/escalated}}",
        "{{#late}}{{#escalated}}{{#has_notes}}{{#notes}}{{#.}}({{.}}){{/.}}{{^.}}never{{/.}}{{/notes}}{{/has_notes}}{{/escalated}}{{/late}}",
        "{{#title}}{{#owner}}{{.}} of {{title}}{{/owner}}{{/title}}",
        // dotted names
        "{{title.count}}|{{#title.x}}never{{/title.x}}|{{^waiting.id}}inv{{/waiting.id}}|{{nope.x}}|{{waiting.0.title}}|{{late.x}}",
        "{{#waiting}}{{title.x}}{{^id.y}}-{{/id.y}}{{/waiting}}",
        // lists: {{.}} on an entry's text, names from the entry and from the message, nesting
        "{{#waiting}}- {{#title}}{{.}}{{/title}} ({{id}}) {{key}}\n{{/waiting}}{{^waiting}}none{{/waiting}}",
        "{{#waiting}}{{#waiting}}{{id}}{{/waiting}}|{{/waiting}}",
        "{{^waiting}}{{title}} {{^has_waiting}}none{{/has_waiting}}{{#notes}}{{.}}{{/notes}}{{/waiting}}",
        "{{#has_waiting}}{{#waiting}}{{#late}}{{#title}}{{id}}:{{.}}{{/title}}{{/late}}{{/waiting}}{{/has_waiting}}",
        "Waiting:\n{{#waiting}}\n  - {{title}} ({{id}})\n{{/waiting}}\n{{^waiting}}\n  (nothing)\n{{/waiting}}\nend\n",
        // standalone lines
        """
        Header
        {{#has_notes}}
        Notes: {{notes}}
        {{/has_notes}}
          {{^has_origin}}
          no origin
          {{/has_origin}}
        {{! a comment line }}
        \t{{#late}}\t
        \tlate
        \t{{/late}} \t
        Tail
        """,
        "a {{! inline }} b\n  {{! standalone indented }}  \nc\n{{! line1\nline2 }}\nd {{!}}e",
        "  {{#late}}  x\n  {{/late}}\n  {{title}}  \n",
        // first line, last line, end of text
        "{{#late}}\nL\n{{/late}}\nrest",
        "\nstarts with a newline",
        "  \n  second",
        "{{! c }}\nafter a comment",
        "a\n   ",
        "{{#late}}x{{/late}}   ",
        "a\n{{#late}}\nb\n{{/late}}",
        "a\n{{! end }}",
        "a\n  {{! end }}  ",
        "",
        // a closing tag followed by more on its line; an opening tag after text
        "{{#late}}\nA\n{{/late}} {{#escalated}}\nB\n{{/escalated}}\nC\n",
        "x{{#late}}\ny\n{{/late}}\n{{#escalated}}\nz\n{{/escalated}}\n",
        "{{#late}}\n{{/late}}{{title}}\n{{^late}}\n{{/late}}\n",
        // CRLF
        "Title: {{title}}\r\n{{#late}}\r\nLate\r\n{{/late}}\r\n  {{! c }}  \r\nEnd\r\n",
        "\r\n{{#late}}\r\n\r\n{{/late}}\r\n",
        // other line ends, unicode, braces that are not tags
        "a\r{{#late}}\rb{{/late}}\u{85}c\u{2028}{{#late}}\u{2029}x{{/late}}",
        "\n{{#late}}\u{2028}L\n{{/late}}\u{0B}x\n{{#late}}\u{0C}\n{{/late}}",
        "Ünïcødé {{title}} — “quotes” 👩‍👩‍👧 e\u{301}\n{{#has_with}}\u{2028}{{with}}{{/has_with}}",
        "a { b } {x} }} c {{title}}}} {{{title}}}}",
        "a{{\nb}} c",
        "{{ \ntitle }}",
        // the built-in body shape, with overrides' typical edits
        """
        {{which}}
        {{#escalated}}
        Escalated to {{escalated_to}} ({{ordinal}})
        {{/escalated}}

        Action: {{title}}
        {{#has_with}}
        With:   {{with}}
        {{/has_with}}
        {{#has_waiting}}
        Waiting:
        {{#waiting}}
          - {{title}} ({{id}})
        {{/waiting}}
        {{/has_waiting}}
        --\u{20}
        {{key}}
        """,
    ]

    @Test func overridesUsingEveryConstructCompileAndRenderAsSwiftMustache() throws {
        for (i, text) in Self.constructs.enumerated() {
            try Self.expectSame(text, count: 200, seed: UInt64(100 + i))
        }
    }

    @Test func numbersAreShownAndTestedAsSwiftMustacheDoes() throws {
        let schema = TemplateSchema([("n", .number), ("flag", .flag), ("text", .text)])
        for text in ["{{n}}|{{#n}}[{{.}}|{{n}}|{{text}}]{{/n}}{{^n}}none{{/n}}", "{{#n}}{{#.}}{{.}}{{/.}}{{/n}}{{n.x}}"] {
            try Self.expectSame(text, schema: schema, count: 50)
            let reference = try Self.reference(text, schema)
            let compiled = try #require(CompiledTemplate(text, schema: schema))
            for n in [0, 1, -1, Int.max] {
                let values: [TemplateValue] = [.number(n), .flag(false), .text("t")]
                #expect(compiled.render(values) == reference.render(values))
            }
        }
        // 0 counts as a value: the section renders, the inverted one does not.
        let zero = try #require(CompiledTemplate("{{#n}}yes {{.}}{{/n}}{{^n}}no{{/n}}", schema: schema))
        #expect(zero.render([.number(0), .flag(false), .text("")]) == "yes 0")
    }

    @Test func messagesWithOverridesAreWhatSwiftMustacheRendered() throws {
        for (i, text) in Self.constructs.enumerated() {
            let templates = [
                "default": MessageTemplate(subject: text, body: text),
                "overdue": MessageTemplate(subject: "{{title}}", body: Self.constructs[(i + 1) % Self.constructs.count]),
            ]
            let config = Self.config(.en, templates: templates)
            let compiled = try MessageRenderer(config: config)
            let reference = try MessageRenderer(config: config, compile: false)
            #expect(compiled.uncompiled == [])
            for message in Self.messages() {
                let facts = MessageFacts(message, config: config)
                #expect(compiled.render(facts) == reference.render(facts), "\(text.debugDescription) \(message.delivery.key)")
            }
        }
    }

    // MARK: What is not compiled

    /// Rendered by swift-mustache, with what it renders for the fixture's lead reminder.
    static let uncompiled: [(template: String, renders: String?)] = [
        ("{{>partial}}", ""),
        ("{{>*dynamic}}", ""),
        ("{{<parent}}{{$block}}x{{/block}}{{/parent}}", ""),
        ("{{$block}}default{{/block}}", "default"),
        ("{{=<% %>=}}<%title%>", Fixture.title),
        ("{{uppercased(title)}}", Fixture.title.uppercased()),
        ("{{#waiting}}{{index()}}{{/waiting}}", ""),
        ("{{% CONTENT_TYPE: HTML}}{{title}} & {{#late}}{{/late}}", Fixture.title + " & "),
        ("{{.}}", "RemindDelivery.TemplateContext"),
        ("{{#.}}x{{/.}}", "x"),
        ("{{}}", "RemindDelivery.TemplateContext"),
        ("{{.title}}", Fixture.title),
        ("{{title.}}", Fixture.title),
        ("{{waiting}}", "[]"),
        ("{{^waiting}}{{.}}{{/waiting}}", "[]"),
        // an entry shown whole: swift-mustache describes the dictionary, keys in hash order
        ("{{#waiting}}{{.}}{{/waiting}}", nil),
    ]

    @Test func unsupportedTemplatesFallBackToSwiftMustache() throws {
        for (text, renders) in Self.uncompiled {
            #expect(CompiledTemplate(text, schema: MessageRenderer.schema) == nil, "\(text)")
            let config = Self.config(.en, templates: ["before": MessageTemplate(subject: "{{title}}", body: text)])
            let renderer = try MessageRenderer(config: config)
            #expect(renderer.uncompiled == ["before.body"])
            let facts = MessageFacts(Fixture.message(), config: config)
            #expect(facts.kind == .before && facts.waiting.isEmpty)
            let body = renderer.render(facts).body
            #expect(body == (try MessageRenderer(config: config, compile: false)).render(facts).body, "\(text)")
            if let renders {
                #expect(body == MessageRenderer.tidy(renders), "\(text)")
            }
        }
    }

    @Test func brokenTemplatesAreStillReportedBySwiftMustache() {
        for (text, reason) in [("{{#open}} never closed", "a section ({{#…}}) is not closed"),
                               ("{{#a}}x{{/b}}", "a section is closed with another name than it was opened with"),
                               ("{{title}x and more", "a tag name is not finished"), ("x {", "a tag is not closed ({{ without }})")] {
            #expect {
                try MessageRenderer(config: Fixture.config(templates: ["due": MessageTemplate(subject: nil, body: text)]))
            } throws: { error in
                guard let e = error as? TemplateError else { return false }
                return e.key == "due" && e.part == "body" && e.message == reason
            }
        }
    }

    @Test func parserKeepsSwiftMustachesStandaloneQuirks() throws {
        let schema = MessageRenderer.schema
        let late = schema.slot("late")!
        // After a non-standalone closing tag the line counts as new, as the opening tag's was:
        // the next section tag on it is standalone and takes the newline with it.
        let t = try #require(CompiledTemplate("x\n{{#late}}\nA\n{{/late}} {{#escalated}}\nB\n{{/escalated}}\n", schema: schema))
        var rng = Rng(state: 7)
        var values = Self.randomValues(schema, &rng)
        values[late] = .flag(true)
        values[schema.slot("escalated")!] = .flag(true)
        #expect(t.render(values) == "x\nA\nB\n")
        // A template's first line follows the content-type pragma on the same line: a
        // section tag there is not standalone.
        let first = try #require(CompiledTemplate("{{#late}}\nL\n{{/late}}\n", schema: schema))
        #expect(first.render(values) == "\nL\n")
    }
}
