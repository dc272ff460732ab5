import RemindCore

/// The built-in message templates (Mustache), per language and reminder kind. A config
/// overrides them with `templates: {<kind>: {subject, body}}` or `templates: {default: …}`;
/// the variables are listed on `MessageRenderer`.
enum DefaultTemplates {
    struct Pair {
        var subject: String
        var body: String
    }

    static func template(_ kind: ReminderKind, _ language: Language) -> Pair {
        let marks = language == .nl
            ? "{{#late}}[later verzonden] {{/late}}{{#escalated}}[escalatie] {{/escalated}}"
            : "{{#late}}[sent late] {{/late}}{{#escalated}}[escalated] {{/escalated}}"
        let body = kind.isEventNotice ? eventBody[language]! : itemBody[language]!
        return Pair(subject: marks + subjects[language]![kind]!, body: "{{which}}\n" + body)
    }

    /// The opening sentence: which reminder this is. Also offered to templates as `{{which}}`.
    static func which(_ kind: ReminderKind, _ language: Language) -> String {
        whichLines[language]![kind]!
    }

    private static let subjects: [Language: [ReminderKind: String]] = [
        .nl: [
            .before: "Herinnering: {{title}} (deadline {{deadline_short}})",
            .due: "Vandaag deadline: {{title}}",
            .overdue: "Verlopen ({{ordinal}} herinnering): {{title}}",
            .undated: "Openstaande actie: {{title}}",
            .at: "Herinnering: {{title}}",
            .eventExpected: "Verwacht: {{title}}",
            .eventLate: "Nog niet vastgelegd: {{title}}",
        ],
        .en: [
            .before: "Reminder: {{title}} (due {{deadline_short}})",
            .due: "Due today: {{title}}",
            .overdue: "Overdue ({{ordinal}} reminder): {{title}}",
            .undated: "Open action: {{title}}",
            .at: "Reminder: {{title}}",
            .eventExpected: "Expected: {{title}}",
            .eventLate: "Not recorded yet: {{title}}",
        ],
    ]

    private static let whichLines: [Language: [ReminderKind: String]] = [
        .nl: [
            .before: "Herinnering: de deadline van deze actie is over {{lead}}.",
            .due: "De deadline van deze actie is vandaag.",
            .overdue: "De deadline van deze actie is verstreken: dit is de {{ordinal}} herinnering sindsdien.",
            .undated: "Deze actie heeft geen deadline en staat nog open ({{ordinal}} herinnering).",
            .at: "Herinnering, zoals gepland voor {{scheduled}}.",
            .eventExpected: "Verwacht in de periode {{window}}: {{title}}.",
            .eventLate: "De verwachte periode ({{window}}) is voorbij, maar er is nog niet vastgelegd dat dit gebeurd is: {{title}}.",
        ],
        .en: [
            .before: "Reminder: this action is due in {{lead}}.",
            .due: "This action is due today.",
            .overdue: "This action is overdue: this is the {{ordinal}} reminder since its deadline.",
            .undated: "This action has no deadline and is still open ({{ordinal}} reminder).",
            .at: "Reminder, as planned for {{scheduled}}.",
            .eventExpected: "Expected from {{window}}: {{title}}.",
            .eventLate: "The expected window ({{window}}) has passed and it has not been recorded yet: {{title}}.",
        ],
    ]

    private static let itemBody: [Language: String] = [
        .nl: """
            {{#escalated}}
            Geëscaleerd naar u, {{escalated_to}}: deze actie staat bij de {{ordinal}} herinnering na de deadline nog open.
            {{/escalated}}
            {{#late}}
            Let op: dit bericht komt later dan gepland; het was bedoeld voor {{scheduled}}.
            {{/late}}

            Actie:        {{title}}
            Eigenaar:     {{owner}}
            {{#has_with}}
            Samen met:    {{with}}
            {{/has_with}}
            Deadline:     {{deadline}}
            {{#has_origin}}
            Herkomst:     {{origin}}
            {{/has_origin}}
            {{#has_notes}}
            Toelichting:  {{notes}}
            {{/has_notes}}

            {{#has_links}}
            Afgerond? Meld het met één klik:
                {{done_link}}
            Later opnieuw herinneren:
            {{#snooze_links}}
                {{label}}: {{url}}
            {{/snooze_links}}
            {{/has_links}}
            {{^has_links}}
            Afgerond? Meld het met:
                {{done_command}}
            Later opnieuw herinneren:
                {{snooze_command}}
            {{/has_links}}

            --\u{20}
            remindd · {{key}}
            """,
        .en: """
            {{#escalated}}
            Escalated to you, {{escalated_to}}: this action is still open at the {{ordinal}} reminder after its deadline.
            {{/escalated}}
            {{#late}}
            Note: this message is sent late; it was due on {{scheduled}}.
            {{/late}}

            Action:       {{title}}
            Owner:        {{owner}}
            {{#has_with}}
            With:         {{with}}
            {{/has_with}}
            Deadline:     {{deadline}}
            {{#has_origin}}
            Source:       {{origin}}
            {{/has_origin}}
            {{#has_notes}}
            Notes:        {{notes}}
            {{/has_notes}}

            {{#has_links}}
            Done? Mark it with one click:
                {{done_link}}
            Remind me later:
            {{#snooze_links}}
                {{label}}: {{url}}
            {{/snooze_links}}
            {{/has_links}}
            {{^has_links}}
            Done? Mark it with:
                {{done_command}}
            Remind me later:
                {{snooze_command}}
            {{/has_links}}

            --\u{20}
            remindd · {{key}}
            """,
    ]

    private static let eventBody: [Language: String] = [
        .nl: """
            {{#late}}
            Let op: dit bericht komt later dan gepland; het was bedoeld voor {{scheduled}}.
            {{/late}}

            Gebeurtenis:  {{title}}
            Verwacht:     {{window}}
            Eigenaar:     {{owner}}
            {{#has_waiting}}
            Hierop wachten:
            {{#waiting}}
              - {{title}} ({{id}})
            {{/waiting}}
            {{/has_waiting}}

            Gebeurd? Leg de datum vast met:
                {{event_command}}

            --\u{20}
            remindd · {{key}}
            """,
        .en: """
            {{#late}}
            Note: this message is sent late; it was due on {{scheduled}}.
            {{/late}}

            Event:        {{title}}
            Expected:     {{window}}
            Owner:        {{owner}}
            {{#has_waiting}}
            Waiting for it:
            {{#waiting}}
              - {{title}} ({{id}})
            {{/waiting}}
            {{/has_waiting}}

            Happened? Record the date with:
                {{event_command}}

            --\u{20}
            remindd · {{key}}
            """,
    ]
}

extension ReminderKind {
    /// The kinds whose messages come from templates: all but digests, which
    /// `DigestMessage` lays out, and answers to replies (`ReplyAnswer`).
    static let templated = allCases.filter { $0 != .digest && $0 != .answer }
}
