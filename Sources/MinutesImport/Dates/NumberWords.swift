import RemindCore

/// Small counts as minutes spell them ("over twee weken", "in three days").
enum NumberWords {
    static let values: [String: Int] = [
        "een": 1, "één": 1, "eén": 1, "1": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
        "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "a": 1, "an": 1,
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "enkele": 3,
    ]
    static let alternation = #"[0-9]{1,3}|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"#

    static func value(_ s: Substring?) -> Int? {
        guard let s else { return nil }
        return Int(s) ?? values[String(s)]
    }

    static func unit(_ s: Substring?) -> DurationUnitWord? {
        guard let s else { return nil }
        switch s {
        case "werkdagen", "werkdag", "working days", "working day", "workdays", "workday", "business days": return .workdays
        case "dagen", "dag", "days", "day": return .days
        case "weken", "week", "weeks": return .weeks
        case "maanden", "maand", "months", "month": return .months
        default: return nil
        }
    }
    static let unitAlternation = #"werkdagen|werkdag|working days|working day|workdays|workday|business days|dagen|dag|days|day|weken|week|weeks|maanden|maand|months|month"#
}

typealias DurationUnitWord = DurationUnit
