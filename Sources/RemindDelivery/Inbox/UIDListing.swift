/// How `newUIDs(after:)` asks the server, so that no answer is longer than libcurl passes on
/// whole. An answer to `UID SEARCH` is one line; libcurl 7.88 silently cut a line of 9,000
/// UIDs to its first 3,045 and failed one of 30,000 ("Too large response headers"), and a
/// command answered with more than a few dozen lines (`UID FETCH 1:* (FLAGS)`) fails the same
/// way. So every search here is bounded to `chunk` UIDs (1,000: at most ~11 KB):
///
/// - The usual poll: fewer than `chunk` UIDs between `after` and UIDNEXT: one
///   `UID SEARCH UID after+1:UIDNEXT-1`. A closed range, so the `n:*` trap (`n:*` always
///   matches the highest UID, even below n) does not arise; results are filtered anyway.
/// - Otherwise (the first poll of a full mailbox; UIDs that jump): message sequence numbers
///   are dense where UIDs need not be, and ordered like them, so the search walks down
///   from the last message `chunk` sequence numbers at a time, and stops at the first
///   chunk that holds a message at or below `after`. Walking down, an expunge by another
///   client shifts only what was already searched.
///
/// Messages arriving after `open()` are left for the next poll: their UIDs are above all
/// returned here, so nothing is skipped.
enum UIDListing {
    static let chunk = 1000

    /// - Parameters:
    ///   - uidNext: UIDNEXT as the SELECT gave it, if it did.
    ///   - messages: how many messages the mailbox holds.
    ///   - search: runs `UID SEARCH <criteria>` and returns the UIDs answered.
    static func newUIDs(after: UInt32, unseenOnly: Bool, uidNext: UInt32?, messages: Int, chunk: Int = chunk,
                        search: (String) throws(InboxError) -> [UInt32]) throws(InboxError) -> [UInt32] {
        guard after < UInt32.max else { return [] }
        let first = after + 1
        let unseen = unseenOnly ? " UNSEEN" : ""
        if let next = uidNext {
            guard next > first else { return [] }
            if Int(next - first) <= chunk {
                return Set(try search("UID \(first):\(next - 1)\(unseen)").filter { $0 > after && $0 < next }).sorted()
            }
        }
        guard messages > 0 else { return [] }
        var found: Set<UInt32> = []
        var high = messages
        while high >= 1 {
            let low = max(1, high - chunk + 1)
            // The first chunk ends at `*`, the last message now, whatever expunges happened.
            let range = high == messages ? "\(low):*" : "\(low):\(high)"
            let criteria: String
            switch (unseenOnly, after) {
            case (false, _): criteria = range
            case (true, 0): criteria = "\(range) UNSEEN"
            // Old messages are answered too: they say where to stop.
            case (true, _): criteria = "\(range) OR UNSEEN UID 1:\(after)"
            }
            let uids = try search(criteria)
            found.formUnion(uids.lazy.filter { $0 > after })
            if low == 1 || uids.contains(where: { $0 <= after }) { break }
            high = low - 1
        }
        return found.sorted()
    }
}
