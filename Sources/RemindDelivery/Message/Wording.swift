import RemindCore

/// The words messages are made of, in Dutch and English: dates with weekday, lead times,
/// ordinals. Written out by hand rather than taken from Foundation's locale data, which
/// differs between platforms and builds (and is absent in static binaries).
struct Wording: Sendable {
    let language: Language

    private static let weekdays: [Language: [String]] = [
        .nl: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    ]
    private static let months: [Language: [String]] = [
        .nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"],
    ]

    /// `maandag 2 oktober 2023` / `Monday 2 October 2023`
    func date(_ d: LocalDate) -> String {
        "\(Self.weekdays[language]![d.isoWeekday - 1]) \(d.day) \(Self.months[language]![d.month - 1]) \(d.year)"
    }

    /// `ma 2 okt` / `Mon 2 Oct`: for subjects, where space is short.
    func shortDate(_ d: LocalDate) -> String {
        let w = Self.weekdays[language]![d.isoWeekday - 1]
        let m = Self.months[language]![d.month - 1]
        return "\(w.prefix(language == .nl ? 2 : 3)) \(d.day) \(m.prefix(3))"
    }

    /// `maandag 2 oktober 2023 om 17:00` / `Monday 2 October 2023 at 17:00`
    func dateTime(_ d: LocalDate, _ t: LocalTime) -> String {
        "\(date(d)) \(language == .nl ? "om" : "at") \(t)"
    }

    /// `vrijdag 1 december 2023 t/m zondag 10 december 2023`
    func window(_ w: DateWindow) -> String {
        "\(date(w.start)) \(language == .nl ? "t/m" : "to") \(date(w.end))"
    }

    /// `2e` / `2nd`
    func ordinal(_ n: Int) -> String {
        if language == .nl { return "\(n)e" }
        let tens = n % 100
        let suffix: String
        if (11...13).contains(tens) {
            suffix = "th"
        } else {
            switch n % 10 {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return "\(n)\(suffix)"
    }

    /// `7 dagen`, `1 werkdag`, `2 hours`
    func duration(_ d: DurationSpec) -> String {
        let n = abs(d.amount)
        let words: (String, String)
        switch (language, d.unit) {
        case (.nl, .seconds): words = ("seconde", "seconden")
        case (.nl, .minutes): words = ("minuut", "minuten")
        case (.nl, .hours): words = ("uur", "uur")
        case (.nl, .days): words = ("dag", "dagen")
        case (.nl, .workdays): words = ("werkdag", "werkdagen")
        case (.nl, .weeks): words = ("week", "weken")
        case (.nl, .months): words = ("maand", "maanden")
        case (.en, .seconds): words = ("second", "seconds")
        case (.en, .minutes): words = ("minute", "minutes")
        case (.en, .hours): words = ("hour", "hours")
        case (.en, .days): words = ("day", "days")
        case (.en, .workdays): words = ("working day", "working days")
        case (.en, .weeks): words = ("week", "weeks")
        case (.en, .months): words = ("month", "months")
        }
        return "\(n) \(n == 1 ? words.0 : words.1)"
    }

    /// `A, B en C` / `A, B and C`
    func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        let and = language == .nl ? "en" : "and"
        return names.dropLast().joined(separator: ", ") + " \(and) " + names.last!
    }

    /// The placeholder for a date in commands the reader types.
    var datePlaceholder: String { language == .nl ? "JJJJ-MM-DD" : "YYYY-MM-DD" }
}
