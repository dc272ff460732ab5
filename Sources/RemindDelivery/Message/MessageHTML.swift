import Foundation
import RemindCore

/// The HTML alternative of a reminder that carries action links: the same text as the
/// plain part (whatever the templates made of it), its addresses clickable, and the links
/// as buttons above it. Inline styles only and no external resource, so it shows the same
/// in Outlook, Gmail and Apple Mail, and nothing loads when it is opened.
public enum MessageHTML {
    struct Button {
        var label: String
        var url: String
    }

    static func render(body: String, buttons: [Button], language: Language) -> String {
        var out = "<!doctype html>\n<html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>\n"
        out += "<body style=\"margin:0;padding:16px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.45;color:#111\">\n"
        if !buttons.isEmpty {
            out += "<p style=\"margin:0 0 16px 0\">\n"
            for (i, b) in buttons.enumerated() {
                let colour = i == 0 ? "#14532d" : "#334155"
                out += "<a href=\"\(escape(b.url))\" style=\"display:inline-block;margin:0 8px 8px 0;padding:10px 16px;"
                out += "border-radius:4px;background:\(colour);color:#ffffff;text-decoration:none;font-weight:600\">"
                out += escape(b.label) + "</a>\n"
            }
            out += "</p>\n"
        }
        out += "<div style=\"white-space:pre-wrap;font-family:inherit\">"
        out += linkified(body)
        out += "</div>\n</body></html>\n"
        return out
    }

    /// The text escaped, with http(s) addresses as links.
    static func linkified(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let r = rest.range(of: "http", options: .literal) {
            out += escape(String(rest[..<r.lowerBound]))
            let candidate = rest[r.lowerBound...]
            let end = candidate.firstIndex { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" } ?? candidate.endIndex
            let url = String(candidate[..<end])
            if url.hasPrefix("https://") || url.hasPrefix("http://"), url.count > 8 {
                out += "<a href=\"\(escape(url))\" style=\"color:#1d4ed8\">\(escape(url))</a>"
            } else {
                out += escape(url)
            }
            rest = candidate[end...]
        }
        out += escape(String(rest))
        return out
    }

    /// Text for HTML content or a quoted attribute: `& < > " '` as entities. The link pages
    /// of the HTTP server use the same.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
