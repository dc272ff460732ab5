import Foundation
import RemindCore
import Testing
@testable import MinutesImport

/// The measure of the importer: minutes written in styles the rules were not built from,
/// each with its expected items written down before the importer was run on it.
///
/// - `unseen/` (nine documents) and `unseen2/` (four) were scored against the importer as
///   it stood when they were written, then used to generalise the rules.
/// - `heldout/` (five) was written after that work began and scored blind until the rules
///   were otherwise done: recall 1.00 (18/18), precision 0.95 (18/19), owners 0.94, deadlines
///   0.88, meeting dates 4/5 at that point. Three general faults it showed were then fixed (a
///   title running onto a second line, "T2024-07" register numbers, "wethouder M. Hoekstra"
///   in the attendance list), so its figures now flatter the rules a little.
/// - `blind/` (three) was written last and scored once, with the rules done: recall 0.91
///   (10/11), precision 0.91 (10/11), owners 1.00, with 0.67, deadlines 0.90, meeting dates
///   3/3 — the most honest figure here. Its faults ("PCSO Moran will …", "the annual meeting
///   in May", "De gemeenten Ede en Barneveld" against "Ede en Barneveld:") were fixed after.
///
/// The "before" figures are those of the importer at 561277a, kept as history; the "after"
/// figures are computed now, and a floor keeps regressions out.
@Suite struct UnseenMinutesTests {
    struct Floor {
        var recall: Double
        var precision: Double
        var owner: Double
        var deadline: Double
    }

    static func report(_ folder: String, before: String, floor: Floor) throws {
        let s = Score.score(try FixtureCase.all(in: folder))
        print("MinutesImport \(folder) before: \(before)")
        print("MinutesImport \(folder) after:  \(s.summary)")
        if !["heldout", "blind"].contains(folder) || ProcessInfo.processInfo.environment["MINUTES_SHOW_HELDOUT"] != nil {
            for p in s.problems { print("  \(folder): \(p)") }
        }
        #expect(s.recall >= floor.recall, "\(folder) recall")
        #expect(s.precision >= floor.precision, "\(folder) precision")
        #expect(s.ownerAccuracy >= floor.owner, "\(folder) owners")
        #expect(s.deadlineAccuracy >= floor.deadline, "\(folder) deadlines")
    }

    @Test func unseenDocuments() throws {
        try Self.report("unseen", before: "recall 0.76 (45/59), precision 0.80 (45/56), owner 0.91 (41/45), with 0.83 (10/12), deadline 0.84 (36/43), meeting date 9/9",
                        floor: Floor(recall: 0.95, precision: 0.95, owner: 0.95, deadline: 0.9))
    }

    @Test func unseenSecondBatch() throws {
        try Self.report("unseen2", before: "recall 0.79 (15/19), precision 0.83 (15/18), owner 0.87 (13/15), with 1.00 (3/3), deadline 0.93 (14/15), meeting date 4/4",
                        floor: Floor(recall: 0.9, precision: 0.9, owner: 0.9, deadline: 0.9))
    }

    @Test func heldOutDocuments() throws {
        try Self.report("heldout", before: "recall 0.72 (13/18), precision 0.81 (13/16), owner 0.85 (11/13), with 1.00 (2/2), deadline 0.75 (9/12), meeting date 4/5",
                        floor: Floor(recall: 0.85, precision: 0.85, owner: 0.85, deadline: 0.8))
    }

    @Test func blindDocuments() throws {
        try Self.report("blind", before: "recall 0.82 (9/11), precision 0.90 (9/10), owner 1.00 (9/9), with 1.00 (2/2), deadline 0.67 (6/9), meeting date 3/3",
                        floor: Floor(recall: 0.85, precision: 0.85, owner: 0.9, deadline: 0.85))
    }
}
