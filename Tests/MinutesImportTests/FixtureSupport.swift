import Foundation
import RemindCore
@testable import MinutesImport

/// One fixture document and what a careful reader finds in it.
struct FixtureCase {
    struct Expected {
        var key: String
        var fields: [String: Any]
    }
    var name: String
    var text: String
    var meetingDate: String?
    var items: [Expected]
    var not: [String]

    static func all() throws -> [FixtureCase] {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".expected.json") }.sorted()
        return try files.map { f in
            let base = String(f.dropLast(".expected.json".count))
            let doc = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .first { $0.hasPrefix(base + ".") && !$0.hasSuffix(".json") }!
            let text = try String(contentsOf: dir.appendingPathComponent(doc), encoding: .utf8)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(f))) as! [String: Any]
            let items = (json["items"] as! [[String: Any]]).map { Expected(key: $0["key"] as! String, fields: $0) }
            return FixtureCase(name: doc, text: text, meetingDate: json["meeting_date"] as? String,
                               items: items, not: json["not"] as? [String] ?? [])
        }
    }
}

/// Does a drafted item stand for the expected one? Its quote or title holds the key phrase.
func matches(_ item: DraftItem, _ key: String) -> Bool {
    let k = Fold.string(key)
    return Fold.string(item.quote).contains(k) || Fold.string(item.title).contains(k)
}
