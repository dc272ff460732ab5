import Foundation
import RemindCore

/// `/cal/TOKEN.ics`: a person's deadlines for a calendar to subscribe to. The token is
/// signed like an action link, names the person and does not expire; it stops working
/// when its key is rotated away.
extension Daemon {
    struct FeedAnswer: Sendable {
        var status: Int
        var body: String
    }

    func calendarFeed(_ file: String) -> FeedAnswer {
        guard file.hasSuffix(".ics"), let keys = secrets.linkKeys else { return FeedAnswer(status: 404, body: "not found\n") }
        let now = clock.now()
        guard case .success(let token) = ActionToken.verify(Substring(file.dropLast(4)), keys: keys, now: now),
              token.action == .calendar else {
            return FeedAnswer(status: 400, body: "this feed address is not valid\n")
        }
        guard config.people[token.item] != nil else { return FeedAnswer(status: 404, body: "no such person\n") }
        guard let state = try? store.planState(), let revisions = try? store.calendarRevisions() else {
            return FeedAnswer(status: 503, body: "the state cannot be read\n")
        }
        let feed = CalendarFeed(config: config, state: state, person: token.item, revisions: revisions)
        return FeedAnswer(status: 200, body: feed.document(config: config, now: now))
    }
}

/// The secret address of a person's feed: `PUBLIC_URL/cal/TOKEN.ics`.
public enum CalendarFeedURL {
    public static func make(publicURL: String, person: String, keys: LinkKeys) -> String {
        "\(publicURL)/cal/\(ActionToken(item: person, action: .calendar, expires: nil).signed(with: keys)).ics"
    }
}
