import Foundation
import FuzzDriver
import RemindCore
import RemindDelivery

/// Whatever the loader accepts, the planner must plan: a year of agenda from a fixed day
/// (and the table and JSON of it), with every event recorded and without.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let config = try? ConfigLoader.load(text: text, path: "/nonexistent/remindd-fuzz/remindd.yaml", kinds: Channels.kinds, files: NoConfigFiles()) else { return 0 }
    let planner = Planner(config: config)
    let from = Date(timeIntervalSince1970: 1_695_600_000)   // 2023-09-25
    let to = from.addingTimeInterval(366 * 86_400)
    let plain = planner.reminders(state: PlanState(), from: from, to: to)
    var occurred: [String: LocalDate] = [:]
    for name in config.events.keys { occurred[name] = LocalDate(year: 2023, month: 12, day: 6) }
    var items: [String: ItemState] = [:]
    for (i, item) in config.items.enumerated() where i % 2 == 1 {
        items[item.id] = ItemState(snoozedUntil: from.addingTimeInterval(30 * 86_400))
    }
    let recorded = planner.reminders(state: PlanState(items: items, occurredEvents: occurred), from: from, to: to)
    for r in plain + recorded {
        precondition(r.at >= from && r.at < to, "a reminder outside the window it was planned for")
        _ = Agenda.localStamp(r.at, config.calendar)
    }
    return 0
}

/// The entry point SwiftPM gives this executable: libFuzzer's driver, with the input above.
@_cdecl("fuzz_planner_main")
public func fuzzPlannerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzPlanner(data, size)
    }
}
