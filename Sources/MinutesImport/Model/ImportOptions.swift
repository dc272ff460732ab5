import Foundation
import RemindCore

/// What the caller knows that the minutes may not say: the meeting date, the series the
/// meeting belongs to, and the working calendar deadlines are resolved in. Passed in rather
/// than read from the environment so the extraction stays a pure function of its inputs.
public struct ImportOptions: Sendable {
    /// Overrides the date found in the text.
    public var meetingDate: LocalDate?
    /// Meeting series id (`lrt`); derived from the minutes when nil.
    public var series: String?
    /// Working days and hours for resolving `deadline` (DESIGN: Europe/Amsterdam, mon–fri).
    public var calendar: WorkCalendar
    /// Items scored below this are left out (they stay visible with a lower threshold).
    public var minimumConfidence: Double

    public init(meetingDate: LocalDate? = nil, series: String? = nil,
                calendar: WorkCalendar = ImportOptions.defaultCalendar,
                minimumConfidence: Double = 0.5) {
        self.meetingDate = meetingDate
        self.series = series
        self.calendar = calendar
        self.minimumConfidence = minimumConfidence
    }

    public static var defaultCalendar: WorkCalendar {
        WorkCalendar(timeZone: TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!)
    }
}
