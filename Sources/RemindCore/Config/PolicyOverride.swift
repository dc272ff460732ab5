/// A `policy:` block as written: only the keys present override the defaults.
struct PolicyOverride {
    var before: [DurationSpec]?
    var onDue: Bool?
    var overdueEvery: DurationSpec?
    var overdueTimes: Int?
    var escalate: Escalation??
    var undatedEvery: DurationSpec??

    func merged(over base: Policy) -> Policy {
        var p = base
        if let v = before { p.before = v }
        if let v = onDue { p.onDue = v }
        if let v = overdueEvery { p.overdue.every = v }
        if let v = overdueTimes { p.overdue.times = v }
        if let v = escalate { p.escalate = v }
        if let v = undatedEvery { p.undatedEvery = v }
        return p
    }
}
