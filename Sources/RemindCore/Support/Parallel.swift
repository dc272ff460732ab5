import Dispatch
import Foundation

/// Splits work over the machine's cores and puts the pieces back in order.
///
/// Why: planning 100,000 items (start-up, `check`, `agenda`) and writing half a million
/// agenda entries are loops of independent, pure steps; on a 2-core machine two halves
/// take about half the time. The result is exactly the serial one: parts are contiguous
/// ranges, concatenated in order.
enum Parallel {
    /// `body(context, i)` for every index, results concatenated in index order. Small
    /// inputs, or one core, run on the calling thread with `shared`; otherwise each part
    /// gets its own context from `own()` (a planner with its own memo, say).
    static func map<Context, T>(_ indices: Range<Int>, minimumPerPart: Int, shared: Context, own: () -> Context,
                                _ body: (Context, Int) -> [T]) -> [T] {
        let parts = min(ProcessInfo.processInfo.activeProcessorCount, indices.count / max(1, minimumPerPart))
        guard parts > 1 else {
            var out: [T] = []
            for i in indices { out += body(shared, i) }
            return out
        }
        let contexts = (0..<parts).map { _ in own() }
        let pieces = Pieces<T>(parts)
        let size = (indices.count + parts - 1) / parts
        withoutActuallyEscaping(body) { body in
            let run = Unchecked(body: body, contexts: contexts)
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let lo = indices.lowerBound + p * size, hi = min(indices.upperBound, lo + size)
                // The part's context is taken out of the array once: read for every index,
                // it was a copy of the whole planner (a retain and a release of each of its
                // fields) per item.
                let context = run.contexts[p]
                var out: [T] = []
                for i in lo..<hi { out += run.body(context, i) }
                pieces.set(p, out)
            }
        }
        return pieces.joined()
    }

    /// The closure and contexts, handed to the worker threads. Safe because each part only
    /// reads what it was given and `concurrentPerform` returns after every part is done.
    private struct Unchecked<Context, T>: @unchecked Sendable {
        let body: (Context, Int) -> [T]
        let contexts: [Context]
    }

    private final class Pieces<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [[T]]
        init(_ n: Int) { parts = Array(repeating: [], count: n) }
        func set(_ i: Int, _ v: [T]) { lock.withLock { parts[i] = v } }
        /// The parts in order. The first part's array becomes the result, so only the
        /// others' elements are copied.
        func joined() -> [T] {
            lock.withLock {
                guard !parts.isEmpty else { return [] }
                var out: [T] = []
                swap(&out, &parts[0])
                out.reserveCapacity(parts.reduce(out.count) { $0 + $1.count })
                for i in parts.indices.dropFirst() {
                    out += parts[i]
                    parts[i] = []
                }
                return out
            }
        }
    }
}
