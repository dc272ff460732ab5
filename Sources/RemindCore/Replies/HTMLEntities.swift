/// The named character references replies use: the ISO-8859-1 range (what Outlook and
/// Word write for every accented letter), typographic punctuation, and the few symbols
/// that turn up in mail. A name not here stays as written; numeric references cover the
/// rest.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "nbsp": 0x00A0, "iexcl": 0x00A1, "cent": 0x00A2, "pound": 0x00A3, "curren": 0x00A4,
        "yen": 0x00A5, "brvbar": 0x00A6, "sect": 0x00A7, "uml": 0x00A8, "copy": 0x00A9, "ordf": 0x00AA,
        "laquo": 0x00AB, "not": 0x00AC, "shy": 0x00AD, "reg": 0x00AE, "macr": 0x00AF, "deg": 0x00B0,
        "plusmn": 0x00B1, "sup2": 0x00B2, "sup3": 0x00B3, "acute": 0x00B4, "micro": 0x00B5,
        "para": 0x00B6, "middot": 0x00B7, "cedil": 0x00B8, "sup1": 0x00B9, "ordm": 0x00BA,
        "raquo": 0x00BB, "frac14": 0x00BC, "frac12": 0x00BD, "frac34": 0x00BE, "iquest": 0x00BF,
        "Agrave": 0x00C0, "Aacute": 0x00C1, "Acirc": 0x00C2, "Atilde": 0x00C3, "Auml": 0x00C4,
        "Aring": 0x00C5, "AElig": 0x00C6, "Ccedil": 0x00C7, "Egrave": 0x00C8, "Eacute": 0x00C9,
        "Ecirc": 0x00CA, "Euml": 0x00CB, "Igrave": 0x00CC, "Iacute": 0x00CD, "Icirc": 0x00CE,
        "Iuml": 0x00CF, "ETH": 0x00D0, "Ntilde": 0x00D1, "Ograve": 0x00D2, "Oacute": 0x00D3,
        "Ocirc": 0x00D4, "Otilde": 0x00D5, "Ouml": 0x00D6, "times": 0x00D7, "Oslash": 0x00D8,
        "Ugrave": 0x00D9, "Uacute": 0x00DA, "Ucirc": 0x00DB, "Uuml": 0x00DC, "Yacute": 0x00DD,
        "THORN": 0x00DE, "szlig": 0x00DF, "agrave": 0x00E0, "aacute": 0x00E1, "acirc": 0x00E2,
        "atilde": 0x00E3, "auml": 0x00E4, "aring": 0x00E5, "aelig": 0x00E6, "ccedil": 0x00E7,
        "egrave": 0x00E8, "eacute": 0x00E9, "ecirc": 0x00EA, "euml": 0x00EB, "igrave": 0x00EC,
        "iacute": 0x00ED, "icirc": 0x00EE, "iuml": 0x00EF, "eth": 0x00F0, "ntilde": 0x00F1,
        "ograve": 0x00F2, "oacute": 0x00F3, "ocirc": 0x00F4, "otilde": 0x00F5, "ouml": 0x00F6,
        "divide": 0x00F7, "oslash": 0x00F8, "ugrave": 0x00F9, "uacute": 0x00FA, "ucirc": 0x00FB,
        "uuml": 0x00FC, "yacute": 0x00FD, "thorn": 0x00FE, "yuml": 0x00FF, "amp": 0x0026, "lt": 0x003C,
        "gt": 0x003E, "quot": 0x0022, "apos": 0x0027, "euro": 0x20AC, "ndash": 0x2013, "mdash": 0x2014,
        "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C, "rdquo": 0x201D,
        "bdquo": 0x201E, "hellip": 0x2026, "bull": 0x2022, "trade": 0x2122, "dagger": 0x2020,
        "Dagger": 0x2021, "permil": 0x2030, "lsaquo": 0x2039, "rsaquo": 0x203A, "OElig": 0x0152,
        "oelig": 0x0153, "Scaron": 0x0160, "scaron": 0x0161, "Yuml": 0x0178, "fnof": 0x0192,
        "circ": 0x02C6, "tilde": 0x02DC, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009,
        "zwnj": 0x200C, "zwj": 0x200D, "lrm": 0x200E, "rlm": 0x200F, "larr": 0x2190, "rarr": 0x2192,
        "uarr": 0x2191, "darr": 0x2193, "harr": 0x2194, "minus": 0x2212, "le": 0x2264, "ge": 0x2265,
        "ne": 0x2260, "check": 0x2713
    ]

    /// The longest name above, so a scan for `;` stops early.
    static let maxNameLength = 6

    /// The character for a numeric reference, as a browser reads it: 0x80–0x9F as
    /// Windows-1252 (what the author's editor meant), a control or nothing valid as U+FFFD.
    static func scalar(number: UInt32) -> Unicode.Scalar {
        if number >= 0x80 && number < 0xA0 { return Charset.windows1252Scalar(UInt8(number)) }
        // Other controls are nothing a person wrote.
        if number < 0x20 || number == 0x7F { return "\u{FFFD}" }
        return Unicode.Scalar(number) ?? "\u{FFFD}"
    }
}
