import Dispatch

/// `a` and `b` at the same time, each on a core of its own, and both results: for the
/// passes over a document that do not depend on each other. Both must be pure functions
/// of what they capture, so the result is the same as running them one after the other.
func inParallel<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
    var first: A?
    var second: B?
    withoutActuallyEscaping(a) { a in
        withoutActuallyEscaping(b) { b in
            let jobs = UnsafeJobs(a: a, b: b)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                if i == 0 { jobs.runA() } else { jobs.runB() }
            }
            first = jobs.resultA
            second = jobs.resultB
        }
    }
    return (first!, second!)
}

/// The two closures and their results. Each slot is written by one iteration only and
/// read after `concurrentPerform` returns, which orders the writes before the reads.
private final class UnsafeJobs<A, B>: @unchecked Sendable {
    let a: () -> A
    let b: () -> B
    var resultA: A?
    var resultB: B?
    init(a: @escaping () -> A, b: @escaping () -> B) { self.a = a; self.b = b }
    func runA() { resultA = a() }
    func runB() { resultB = b() }
}

extension Array {
    /// `map(transform)` with each half of the array on a core of its own; `transform` must
    /// be a pure function. Arrays shorter than `minimumCount` are mapped here: for cheap
    /// transforms, handing half to another core costs more than it saves.
    func parallelMap<T>(minimumCount: Int = 512, _ transform: (Element) -> T) -> [T] {
        guard count >= Swift.max(2, minimumCount) else { return map(transform) }
        let half = count / 2
        let (a, b) = inParallel({ self[..<half].map(transform) }, { self[half...].map(transform) })
        return a + b
    }
}
