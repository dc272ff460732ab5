import Foundation
import FuzzDriver
import RemindCore

let apiCalendar = WorkCalendar(timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
let apiNow = Date(timeIntervalSince1970: 1_800_000_000)

/// Any bytes as the API's request bodies and query values (split at the first 0xFF: the
/// body before it, `from` and `days` lines after): refused or read, never a trap or a
/// stall, and what is read holds: a snooze ends in the future, an agenda spans 1 to 366 days.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.firstIndex(of: 0xFF) ?? bytes.count
    let body = Array(bytes[..<cut])
    if case .success(let until) = APIRequest.snoozeEnd(body, now: apiNow, calendar: apiCalendar), until <= apiNow {
        fatalError("a snooze that does not end in the future")
    }
    _ = APIRequest.occurred(body)
    if cut < bytes.count {
        let rest = String(decoding: bytes[(cut + 1)...], as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let from = rest.first.map(String.init), days = rest.count > 1 ? String(rest[1]) : nil
        if case .success(let w) = APIRequest.agendaWindow(from: from, days: days, now: apiNow, calendar: apiCalendar),
           !(1...366).contains(w.days) {
            fatalError("an agenda window of \(w.days) days")
        }
    }
    return 0
}

@_cdecl("fuzz_api_main")
public func fuzzAPIMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzAPI(data, size)
    }
}
