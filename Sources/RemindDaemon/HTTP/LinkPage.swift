import Foundation
import RemindCore
import RemindDelivery

/// The pages an action link shows: plain HTML and a little CSS, readable on a phone and in
/// print, no JavaScript, in the config's language. GET shows what the link will do and one
/// button (a POST form); POST shows what happened.
enum LinkPage {
    struct Item {
        var title: String
        var owner: String
        var deadline: String?
    }

    static func confirm(_ item: Item, action: String, note: String?, button: String, language: Language) -> String {
        let nl = language == .nl
        return page(title: action, language: language, body: """
            <h1>\(escape(action))</h1>
            \(facts(item, language))
            \(note.map { "<p class=\"note\">\(escape($0))</p>" } ?? "")
            <form method="post">
            <button type="submit">\(escape(button))</button>
            </form>
            <p class="small">\(nl ? "Er verandert niets tot u op de knop drukt." : "Nothing changes until you press the button.")</p>
            """)
    }

    static func result(_ item: Item, outcome: String, language: Language) -> String {
        page(title: outcome, language: language, body: """
            <h1>\(escape(outcome))</h1>
            \(facts(item, language))
            """)
    }

    static func problem(_ status: Int, language: Language) -> String {
        let nl = language == .nl
        let (title, text): (String, String)
        switch status {
        case 410:
            title = nl ? "Deze link is verlopen" : "This link has expired"
            text = nl ? "Gebruik de link in een nieuwere herinnering, of vraag het secretariaat." : "Use the link in a later reminder, or ask the secretariat."
        case 404:
            title = nl ? "Deze actie bestaat niet meer" : "This action no longer exists"
            text = nl ? "Het secretariaat heeft haar uit de lijst gehaald." : "The secretariat has removed it from the list."
        default:
            title = nl ? "Deze link is ongeldig" : "This link is not valid"
            text = nl ? "Controleer of de hele link is gekopieerd." : "Check that the whole link was copied."
        }
        return page(title: title, language: language, body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>")
    }

    /// A page for a status without an item (401 on `/status`).
    static func problemPage(_ status: Int, language: Language) -> String {
        let nl = language == .nl
        let title = nl ? "Aanmelden nodig" : "Sign-in needed"
        let text = nl ? "Deze pagina vraagt het leestoken van de API (Authorization: Bearer …)." : "This page needs the API's read token (Authorization: Bearer …)."
        return page(title: title, language: language, body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>")
    }

    private static func facts(_ item: Item, _ language: Language) -> String {
        let nl = language == .nl
        var rows = [(nl ? "Actie" : "Action", item.title), (nl ? "Eigenaar" : "Owner", item.owner)]
        if let d = item.deadline { rows.append((nl ? "Deadline" : "Deadline", d)) }
        return "<dl>\n" + rows.map { "<dt>\(escape($0.0))</dt><dd>\(escape($0.1))</dd>" }.joined(separator: "\n") + "\n</dl>"
    }

    private static func page(title: String, language: Language, body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(escape(title)) · remindd</title>
        <style>
        body { font: 1rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 1rem auto; padding: 0 1rem; color: #111; }
        h1 { font-size: 1.35rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        button { font: inherit; padding: .6rem 1.2rem; border: 0; border-radius: .3rem; background: #14532d; color: #fff; cursor: pointer; }
        .note { background: #fef9c3; padding: .5rem .75rem; }
        .small { color: #555; font-size: .875rem; }
        @media print { button { display: none; } }
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static func escape(_ s: String) -> String { MessageHTML.escape(s) }
}
