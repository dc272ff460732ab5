/// An inclusive range of days: the expected window of an event ("early December 2023" is
/// 2023-12-01 … 2023-12-10).
public struct DateWindow: Hashable, Sendable, CustomStringConvertible {
    public var start: LocalDate
    public var end: LocalDate

    public init(start: LocalDate, end: LocalDate) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)/\(end)" }
}
