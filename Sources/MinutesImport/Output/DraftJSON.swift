import Foundation

/// `--json`: `{"meeting_date": …, "items": [...]}` with the fields DESIGN names, nulls
/// written out so scripts can rely on every key being present.
public enum DraftJSON {
    public static func render(_ r: ImportResult) -> String {
        var items: [Any] = []
        for i in r.items {
            var o: [String: Any] = [
                "id": i.id, "title": i.title, "with": i.withIDs, "with_names": i.with, "involved": i.involved,
                "line": i.line, "quote": i.quote, "confidence": (i.confidence * 100).rounded() / 100,
            ]
            // `owner` is the person id the YAML uses; `owner_name` the name as written.
            o["owner"] = i.ownerID ?? NSNull()
            o["owner_name"] = i.owner ?? NSNull()
            o["due"] = i.due ?? NSNull()
            o["deadline"] = i.deadline?.description ?? NSNull()
            o["after_event"] = i.afterEvent ?? NSNull()
            o["expected"] = i.expected?.description ?? NSNull()
            o["due_phrase"] = i.duePhrase ?? NSNull()
            items.append(o)
        }
        var events: [Any] = []
        for e in r.events {
            events.append(["id": e.id, "title": e.title, "expected": e.expected?.description ?? NSNull()] as [String: Any])
        }
        let root: [String: Any] = [
            "meeting_date": r.meetingDate?.description ?? NSNull(), "series": r.series,
            "next_meeting": r.nextMeetingDate?.description ?? NSNull(),
            "items": items, "events": events,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
