import Foundation
import RemindCore
@testable import MinutesImport

/// One fixture document and what a careful reader finds in it. The expected file is
/// written by hand from the document, before the extractor is run on it.
struct FixtureCase {
    struct Expected {
        /// Phrases, any of which in an item's quote or title marks it as this action (the
        /// body and an actions table often word one action differently).
        var keys: [String]
        var fields: [String: Any]

        var key: String { keys[0] }
        /// Acceptable owners as written; `nil` inside means "no owner" (passive voice).
        var owners: [String?]? {
            guard fields.keys.contains("owner") else { return nil }
            switch fields["owner"] {
            case let s as String: return [s]
            case let a as [Any]: return a.map { $0 as? String }
            default: return [nil]
            }
        }
    }
    var name: String
    var text: String
    var meetingDate: String?
    var items: [Expected]
    /// Phrases of things that are not actions.
    var not: [String]
    /// Phrases of borderline sentences: drafting them is neither right nor wrong.
    var optional: [String]
    /// False where the text does not give the meeting's date (`"meeting_date_in_text":
    /// false`): the importer is then told it, as `remindd import --meeting-date` would be.
    var meetingDateInText = true

    static var root: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

    /// The fixtures in `Fixtures/` (nil) or in one of its folders (`unseen`, `heldout`,
    /// `corpus/dev`).
    static func all(in folder: String? = nil) throws -> [FixtureCase] {
        let dir = folder.map { root.appendingPathComponent($0) } ?? root
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        return try names.filter { $0.hasSuffix(".expected.json") }.sorted().map { f in
            let base = String(f.dropLast(".expected.json".count))
            let doc = names.first { $0.hasPrefix(base + ".") && !$0.hasSuffix(".json") }!
            let text = try String(contentsOf: dir.appendingPathComponent(doc), encoding: .utf8)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(f))) as! [String: Any]
            let items = (json["items"] as! [[String: Any]]).map { o -> Expected in
                let keys = (o["key"] as? [String]) ?? [o["key"] as! String]
                return Expected(keys: keys, fields: o)
            }
            return FixtureCase(name: doc, text: text, meetingDate: json["meeting_date"] as? String, items: items,
                               not: json["not"] as? [String] ?? [], optional: json["optional"] as? [String] ?? [],
                               meetingDateInText: json["meeting_date_in_text"] as? Bool ?? true)
        }
    }
}

/// Does a drafted item stand for the expected one? Its quote or title holds a key phrase.
func matches(_ item: DraftItem, _ key: String) -> Bool {
    let k = Fold.string(key)
    return Fold.string(item.quote).contains(k) || Fold.string(item.title).contains(k)
}

func matches(_ item: DraftItem, _ e: FixtureCase.Expected) -> Bool {
    e.keys.contains { matches(item, $0) }
}
