import Foundation
import Testing
@testable import RemindCore

/// Allowed but probably unintended: `check` prints a warning and still exits 0.
@Suite struct ConfigWarningsTests {
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    @Test func aMeetingDateOutsideTheSeriesIsAWarningNotAnError() throws {
        let path = Self.folder.appendingPathComponent("meeting-date-not-in-series.yaml").path
        let config = try ConfigLoader.load(path: path)
        let warnings = ConfigWarnings.find(config)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasSuffix("warning: item 'bak-oek': meeting series 'lrt' has no meeting on 2023-09-26 (its dates: 2023-09-25, 2023-10-23); the date still counts as the reference date") == true)
        // R is the date as written.
        #expect(config.item("bak-oek")?.referenceDate == LocalDate("2023-09-26"))
    }

    @Test func nextMeetingWithoutALaterDateIsAWarning() throws {
        let yaml = """
        timezone: Europe/Amsterdam
        channels: { local: { type: maildir, path: ./mail } }
        people: { a: a@example.org }
        meetings: { lrt: { dates: [2023-09-25] } }
        items:
          - { id: x, title: X, owner: a, meeting: lrt@2023-09-25, due: next meeting }
        """
        let config = try ConfigLoader.load(text: yaml, path: "/tmp/w.yaml")
        #expect(ConfigWarnings.find(config) == ["/tmp/w.yaml:6:11: warning: item 'x': series 'lrt' has no meeting after 2023-09-25 yet; it is nudged as undated until a date is added"])
    }
}
