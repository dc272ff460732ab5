import Foundation

/// Working days and hours in one time zone, and the conversion between local wall-clock
/// times and instants with the zone's real offsets. Every rule of DESIGN "Time rules" that
/// says "working day", "workday start" or "at 09:00" goes through here.
public struct WorkCalendar: Sendable, Hashable {
    public var timeZone: TimeZone {
        didSet { zone = ZoneOffsets(timeZone) }
    }
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are working days.
    public var workdays: Set<Int> {
        didSet { days = DayLookup(workdays: workdays, holidays: holidays) }
    }
    public var start: LocalTime
    public var end: LocalTime
    public var holidays: Set<LocalDate> {
        didSet { days = DayLookup(workdays: workdays, holidays: holidays) }
    }
    /// `workdays` and `holidays` as bits: planning asks "is this a working day?" for every
    /// day it counts, and hashing a date each time was a tenth of planning.
    private var days: DayLookup
    /// Memo of the zone's offsets: Foundation's `secondsFromGMT` costs a microsecond or
    /// more, and planning asks it several times per reminder for the same few instants.
    private var zone: ZoneOffsets

    public init(timeZone: TimeZone, workdays: Set<Int> = [1, 2, 3, 4, 5],
                start: LocalTime = LocalTime(hour: 9, minute: 0),
                end: LocalTime = LocalTime(hour: 17, minute: 0),
                holidays: Set<LocalDate> = []) {
        self.timeZone = timeZone
        self.workdays = workdays
        self.start = start
        self.end = end
        self.holidays = holidays
        self.zone = ZoneOffsets(timeZone)
        self.days = DayLookup(workdays: workdays, holidays: holidays)
    }

    public static func == (a: WorkCalendar, b: WorkCalendar) -> Bool {
        a.timeZone == b.timeZone && a.workdays == b.workdays && a.start == b.start && a.end == b.end
            && a.holidays == b.holidays
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(timeZone)
        hasher.combine(workdays)
        hasher.combine(start)
        hasher.combine(end)
        hasher.combine(holidays)
    }

    public func isWorkingDay(_ d: LocalDate) -> Bool {
        days.isWorkingDay(d.dayNumber)
    }

    /// The day itself if it is a working day, else the next one.
    public func workingDay(onOrAfter d: LocalDate) -> LocalDate {
        guard !workdays.isEmpty else { return d }
        var x = d
        while !isWorkingDay(x) { x = x.adding(days: 1) }
        return x
    }

    /// The day itself if it is a working day, else the previous one.
    public func workingDay(onOrBefore d: LocalDate) -> LocalDate {
        guard !workdays.isEmpty else { return d }
        var x = d
        while !isWorkingDay(x) { x = x.adding(days: -1) }
        return x
    }

    /// The n-th working day after `d` (n > 0), or before it (n < 0); `d` itself for 0.
    public func adding(workdays n: Int, to d: LocalDate) -> LocalDate {
        guard !workdays.isEmpty, n != 0 else { return d }
        var x = d
        var left = abs(n)
        let step = n > 0 ? 1 : -1
        while left > 0 {
            x = x.adding(days: step)
            if isWorkingDay(x) { left -= 1 }
        }
        return x
    }

    /// Calendar arithmetic for d/wd/w/mo durations (exact units are rejected by the caller).
    public func adding(_ spec: DurationSpec, to d: LocalDate) -> LocalDate {
        adding(spec.amount, spec.unit, to: d)
    }

    /// The same for an amount that may not fit a `DurationSpec` (a multiple of one).
    func adding(_ amount: Int, _ unit: DurationUnit, to d: LocalDate) -> LocalDate {
        switch unit {
        case .days: return d.adding(days: amount)
        case .weeks: return d.adding(days: 7 * amount)
        case .months: return d.adding(months: amount)
        case .workdays: return adding(workdays: amount, to: d)
        case .seconds: return d.adding(days: Int((Double(amount) / 86_400).rounded(.towardZero)))
        case .minutes: return d.adding(days: Int((Double(amount * 60) / 86_400).rounded(.towardZero)))
        case .hours: return d.adding(days: Int((Double(amount * 3600) / 86_400).rounded(.towardZero)))
        }
    }

    // MARK: - Local time ⇄ instant

    /// The instant of a local date and time in the zone. A time that does not exist (spring
    /// forward) is the first instant after the gap; one that exists twice (fall back) is the
    /// first of the two.
    public func instant(_ d: LocalDate, _ t: LocalTime) -> Date {
        let local = d.dayNumber * 86_400 + t.secondsOfDay
        if let known = zone.instant(local: local) { return Date(timeIntervalSince1970: TimeInterval(known)) }
        let found = resolveInstant(local: local)
        zone.remember(local: local, instant: found)
        return Date(timeIntervalSince1970: TimeInterval(found))
    }

    /// The instant of local seconds-since-epoch, with the gap and overlap rules.
    private func resolveInstant(local: Int) -> Int {
        // The offsets in force a day either side bracket every real transition.
        let o1 = offset(atUTC: local - 86_400)
        let o2 = offset(atUTC: local + 86_400)
        var valid: [Int] = []
        for o in Set([o1, o2, offset(atUTC: local - o1), offset(atUTC: local - o2)]) {
            let t = local - o
            if offset(atUTC: t) == o { valid.append(t) }
        }
        if let first = valid.min() {
            return first
        }
        // In a gap: the transition instant lies between local - max(o) and local - min(o).
        var lo = local - max(o1, o2)
        var hi = local - min(o1, o2)
        let after = offset(atUTC: hi)
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if offset(atUTC: mid) == after { hi = mid } else { lo = mid }
        }
        return hi
    }

    public func startOfWork(_ d: LocalDate) -> Date { instant(d, start) }
    public func endOfWork(_ d: LocalDate) -> Date { instant(d, end) }

    /// The local day an instant falls on.
    public func localDate(of date: Date) -> LocalDate {
        let (d, _) = local(date)
        return d
    }

    /// The local day and seconds since local midnight of an instant.
    public func local(_ date: Date) -> (LocalDate, Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let l = t + offset(atUTC: t)
        let day = Int((Double(l) / 86_400).rounded(.down))
        return (LocalDate(dayNumber: day), l - day * 86_400)
    }

    public func localTime(of date: Date) -> LocalTime {
        let (_, s) = local(date)
        return LocalTime(hour: s / 3600, minute: (s / 60) % 60, second: s % 60)
    }

    func offset(atUTC t: Int) -> Int {
        zone.offset(atUTC: t)
    }
}

/// A zone's offsets and local-to-instant answers, remembered exactly as Foundation gave
/// them (no interpolation between instants, so transitions at odd seconds stay exact).
/// Shared by copies of a calendar; thread-safe. Bounded: cleared when it grows large.
final class ZoneOffsets: @unchecked Sendable {
    let timeZone: TimeZone
    private let lock = NSLock()
    private var offsets: [Int: Int] = [:]
    private var instants: [Int: Int] = [:]
    private static let limit = 100_000

    init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    func offset(atUTC t: Int) -> Int {
        lock.lock()
        let known = offsets[t]
        lock.unlock()
        if let known { return known }
        let o = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
        lock.lock()
        if offsets.count >= Self.limit { offsets.removeAll(keepingCapacity: true) }
        offsets[t] = o
        lock.unlock()
        return o
    }

    func instant(local: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        return instants[local]
    }

    func remember(local: Int, instant: Int) {
        lock.lock()
        if instants.count >= Self.limit { instants.removeAll(keepingCapacity: true) }
        instants[local] = instant
        lock.unlock()
    }
}

/// Working weekdays as a mask and holidays as a bit per day between the first and the last.
struct DayLookup: Sendable {
    private let weekdays: UInt8
    private let first: Int
    private let bits: [UInt64]

    init(workdays: Set<Int>, holidays: Set<LocalDate>) {
        weekdays = workdays.reduce(0) { $0 | (1 << UInt8(truncatingIfNeeded: $1 & 7)) }
        let numbers = holidays.map(\.dayNumber)
        guard let lo = numbers.min(), let hi = numbers.max() else {
            first = 0
            bits = []
            return
        }
        first = lo
        var b = [UInt64](repeating: 0, count: (hi - lo) / 64 + 1)
        for n in numbers { b[(n - lo) / 64] |= 1 << UInt64((n - lo) % 64) }
        bits = b
    }

    func isWorkingDay(_ dayNumber: Int) -> Bool {
        var w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        if w < 0 { w += 7 }
        guard weekdays & (1 << UInt8(w + 1)) != 0 else { return false }
        let i = dayNumber - first
        guard i >= 0, i / 64 < bits.count else { return true }
        return bits[i / 64] & (1 << UInt64(i % 64)) == 0
    }
}

/// The calendar as configured; the lookups made from it are made again.
extension WorkCalendar: Codable {
    private enum CodingKeys: String, CodingKey { case timeZone, workdays, start, end, holidays }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(timeZone: try c.decode(TimeZone.self, forKey: .timeZone),
                  workdays: try c.decode(Set<Int>.self, forKey: .workdays),
                  start: try c.decode(LocalTime.self, forKey: .start), end: try c.decode(LocalTime.self, forKey: .end),
                  holidays: try c.decode(Set<LocalDate>.self, forKey: .holidays))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(workdays, forKey: .workdays)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(holidays, forKey: .holidays)
    }
}
